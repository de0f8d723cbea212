package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.size;
import static io.kube4j.apiserver.table.Fields.text;

import java.util.List;
import java.util.Map;

/** The printer of each resource, by group-qualified resource name ({@code pods}, {@code deployments.apps}). */
final class Printers {

    private static final Map<String, RowPrinter> BY_RESOURCE = Map.ofEntries(
            Map.entry("pods", new PodPrinter()),
            Map.entry("nodes", new NodePrinter()),
            Map.entry("services", new ServicePrinter()),
            Map.entry("endpoints", new EndpointsPrinter()),
            Map.entry("events", new EventPrinter()),
            Map.entry("resourcequotas", new ResourceQuotaPrinter()),
            Map.entry("replicationcontrollers", ReplicaSetPrinter.replicationControllers()),
            Map.entry("deployments.apps", new DeploymentPrinter()),
            Map.entry("replicasets.apps", ReplicaSetPrinter.replicaSets()),
            Map.entry("jobs.batch", new JobPrinter()),
            Map.entry("namespaces", new SimplePrinter(
                    List.of(Column.text("Status", "The status of the namespace.")),
                    ns -> List.of(text(ns, "/status/phase")))),
            Map.entry("configmaps", new SimplePrinter(
                    List.of(Column.integer("Data", "Number of data entries in the ConfigMap.")),
                    cm -> List.of((long) size(cm, "/data") + size(cm, "/binaryData")))),
            Map.entry("secrets", new SimplePrinter(
                    List.of(Column.text("Type", "The type of the secret."),
                            Column.integer("Data", "Number of data entries in the Secret.")),
                    secret -> List.of(text(secret, "/type"), (long) size(secret, "/data")))),
            Map.entry("serviceaccounts", new SimplePrinter(
                    List.of(Column.integer("Secrets", "Number of secrets listed by the service account.")),
                    sa -> List.of((long) size(sa, "/secrets")))),
            Map.entry("leases.coordination.k8s.io", new SimplePrinter(
                    List.of(Column.text("Holder", "The identity of the current holder of the lease.")),
                    lease -> List.of(text(lease, "/spec/holderIdentity")))));

    private Printers() {
    }

    static RowPrinter forResource(String groupResource) {
        return BY_RESOURCE.getOrDefault(groupResource, SimplePrinter.DEFAULT);
    }
}
