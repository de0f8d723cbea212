package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaUsageTest {

    static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} counts {1}")
    @CsvSource({
            "pods, pods", "count/pods, pods", "cpu, pods", "requests.memory, pods", "limits.cpu, pods",
            "requests.nvidia.com/gpu, pods", "services, services", "services.nodeports, services",
            "count/deployments.apps, deployments.apps", "configmaps, configmaps", "secrets, secrets",
            "requests.storage, persistentvolumeclaims", "count/leases.coordination.k8s.io, leases.coordination.k8s.io",
    })
    void mapsEveryQuotaNameToTheResourceItCounts(String name, String resource) {
        assertThat(QuotaUsage.countedResource(name)).contains(resource);
    }

    @Test
    void ignoresNamesItDoesNotKnow() {
        assertThat(QuotaUsage.countedResource("bananas")).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            // 100m + 250m, the second container's request defaulting to its limit
            "requests.cpu, 0.350", "cpu, 0.350",
            // 500m + 250m
            "limits.cpu, 0.750",
            // max(64Mi + 0, 128Mi init)
            "requests.memory, 134217728",
            "pods, 1", "count/pods, 1",
    })
    void chargesAPodTheSumOfItsContainersOrItsLargestInitContainer(String name, String amount) {
        JsonNode pod = json("{'spec':{'initContainers':[{'name':'i','resources':{'requests':{'memory':'128Mi'}}}],"
                + "'containers':[{'name':'a','resources':{'requests':{'cpu':'100m','memory':'64Mi'},'limits':{'cpu':'500m'}}},"
                + "{'name':'b','resources':{'limits':{'cpu':'250m'}}}]}}");

        assertThat(QuotaUsage.usage(name, pod)).isEqualByComparingTo(amount);
    }

    @ParameterizedTest(name = "{0} service uses {1} node ports and {2} load balancers")
    @CsvSource({"ClusterIP, 0, 0", "NodePort, 2, 0", "LoadBalancer, 2, 1"})
    void chargesServicesTheirNodePortsAndLoadBalancers(String type, int nodePorts, int balancers) {
        JsonNode service = json("{'spec':{'type':'" + type + "','ports':[{'port':80},{'port':443}]}}");

        assertThat(QuotaUsage.usage("services.nodeports", service)).isEqualByComparingTo(String.valueOf(nodePorts));
        assertThat(QuotaUsage.usage("services.loadbalancers", service)).isEqualByComparingTo(String.valueOf(balancers));
        assertThat(QuotaUsage.usage("services", service)).isEqualByComparingTo("1");
    }

    @Test
    void asksEveryContainerToStateTheComputeResourcesAQuotaLimits() {
        JsonNode spec = json("{'containers':[{'name':'a','resources':{'limits':{'cpu':'1'}}},"
                + "{'name':'b','resources':{'requests':{'memory':'1Gi'}}}]}");

        // a: cpu limit covers requests.cpu and limits.cpu; b: a memory request covers memory but not limits.memory
        assertThat(QuotaUsage.missing(Set.of("requests.cpu", "limits.cpu", "memory", "limits.memory", "pods"), spec))
                .containsExactly("limits.cpu", "limits.memory", "memory", "requests.cpu");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'status':{'phase':'Running'}}                                                     | true",
            "{'status':{'phase':'Succeeded'}}                                                   | false",
            "{'status':{'phase':'Failed'}}                                                      | false",
            // deleted at 12:00:00 with 30 s of grace: still counts at 12:00:20
            "{'metadata':{'deletionTimestamp':'2024-01-01T12:00:00Z','deletionGracePeriodSeconds':30}} | true",
            // …but no longer at 12:00:20 when the grace was 10 s
            "{'metadata':{'deletionTimestamp':'2024-01-01T12:00:00Z','deletionGracePeriodSeconds':10}} | false",
    })
    void countsPodsUntilTheyFinishOrOutliveTheirGracePeriod(String pod, boolean counts) {
        assertThat(QuotaUsage.counts(json(pod), Instant.parse("2024-01-01T12:00:20Z"))).isEqualTo(counts);
    }
}
