package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.core.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaCheckTest {

    /** {@code a=1,b=2} as a map; {@code -} is empty. */
    static Map<String, String> map(String text) {
        Map<String, String> out = new TreeMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(",")) {
                String[] kv = pair.split("=");
                out.put(kv[0].trim(), kv[1].trim());
            }
        }
        return out;
    }

    static Map<String, BigDecimal> amounts(String text) {
        Map<String, BigDecimal> out = new TreeMap<>();
        map(text).forEach((k, v) -> out.put(k, Quantity.parse(v).amount()));
        return out;
    }

    @ParameterizedTest(name = "hard {0}, used {1}, requested {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            // 9 + 1 = 10 ≤ 10: fits exactly
            "pods=10                 | pods=9                    | pods=1                 | pods=10",
            // nothing recorded yet: 0 + 1
            "pods=10                 | -                         | pods=1                 | pods=1",
            // 250m + 500m = 750m ≤ 1; memory 128Mi + 128Mi = 256Mi ≤ 1Gi
            "requests.cpu=1,requests.memory=1Gi | requests.cpu=250m,requests.memory=128Mi | requests.cpu=500m,requests.memory=128Mi"
                    + " | requests.cpu=750m,requests.memory=256Mi",
            // a zero request is still charged, leaving usage as it was
            "services.loadbalancers=2 | services.loadbalancers=1 | services.loadbalancers=0 | services.loadbalancers=1",
    })
    void chargesWhatFits(String hard, String used, String requested, String after) {
        Map<String, Quantity> limits = new TreeMap<>();
        map(hard).forEach((k, v) -> limits.put(k, Quantity.parse(v)));

        QuotaCheck.Decision decision = QuotaCheck.charge("q1", limits, amounts(used), amounts(requested));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.message()).isEmpty();
        Map<String, String> printed = new TreeMap<>();
        decision.used().forEach((k, v) -> printed.put(k, Quantities.format(v, Quantities.isBytes(k))));
        assertThat(printed).isEqualTo(map(after));
    }

    @ParameterizedTest(name = "hard {0}, used {1}, requested {2} → refused")
    @CsvSource(delimiter = '|', value = {
            // 10 + 1 > 10
            "pods=10         | pods=10                   | pods=1                 | requested: pods=1, used: pods=10, limited: pods=10",
            // cpu: 800m + 300m = 1100m > 1; memory 1Gi + 1Gi = 2Gi ≤ 2Gi fits and is not named
            "requests.cpu=1,requests.memory=2Gi | requests.cpu=800m,requests.memory=1Gi | requests.cpu=300m,requests.memory=1Gi"
                    + " | requested: requests.cpu=300m, used: requests.cpu=800m, limited: requests.cpu=1",
            // both over: names sorted, values joined with commas
            "configmaps=1,secrets=0 | configmaps=1          | configmaps=1,secrets=1 | requested: configmaps=1,secrets=1,"
                    + " used: configmaps=1,secrets=0, limited: configmaps=1,secrets=0",
            // a quota lowered below its usage refuses even a zero request
            "services.loadbalancers=1 | services.loadbalancers=2 | services.loadbalancers=0 | requested: services.loadbalancers=0,"
                    + " used: services.loadbalancers=2, limited: services.loadbalancers=1",
    })
    void refusesWhatWouldExceedTheQuotaNamingEveryResourceOverIt(String hard, String used, String requested, String message) {
        Map<String, Quantity> limits = new TreeMap<>();
        map(hard).forEach((k, v) -> limits.put(k, Quantity.parse(v)));

        QuotaCheck.Decision decision = QuotaCheck.charge("q1", limits, amounts(used), amounts(requested));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.message()).isEqualTo("exceeded quota: q1, " + message);
        assertThat(decision.used()).isEqualTo(amounts(used));
    }

    @Test
    void leavesUsageOfResourcesItWasNotAskedAboutAsRecorded() {
        QuotaCheck.Decision decision = QuotaCheck.charge("q1", Map.of("pods", Quantity.parse("5")),
                amounts("pods=1,secrets=3"), amounts("pods=1"));

        assertThat(decision.used()).isEqualTo(amounts("pods=2,secrets=3"));
    }
}
