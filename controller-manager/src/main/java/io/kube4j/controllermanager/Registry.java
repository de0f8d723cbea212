package io.kube4j.controllermanager;

import io.kube4j.controllermanager.deployment.DeploymentController;
import io.kube4j.controllermanager.endpoints.EndpointsController;
import io.kube4j.controllermanager.gc.GarbageCollector;
import io.kube4j.controllermanager.job.JobController;
import io.kube4j.controllermanager.namespace.NamespaceController;
import io.kube4j.controllermanager.nodelifecycle.NodeLifecycleController;
import io.kube4j.controllermanager.replicaset.ReplicaSetController;
import io.kube4j.controllermanager.replication.ReplicationControllers;
import io.kube4j.controllermanager.resourcequota.ResourceQuotaController;
import io.kube4j.controllermanager.serviceaccount.ServiceAccountController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The controllers by their {@code --controllers} name, and the parsing of that flag. */
public final class Registry {

    private static final Map<String, Supplier<Controller>> CONTROLLERS = new LinkedHashMap<>();

    static {
        CONTROLLERS.put("replicaset", ReplicaSetController::forReplicaSets);
        CONTROLLERS.put("replicationcontroller", ReplicationControllers::controller);
        CONTROLLERS.put("deployment", DeploymentController::new);
        CONTROLLERS.put("endpoints", EndpointsController::new);
        CONTROLLERS.put("namespace", NamespaceController::new);
        CONTROLLERS.put("serviceaccount", ServiceAccountController::new);
        CONTROLLERS.put("nodelifecycle", NodeLifecycleController::new);
        CONTROLLERS.put("garbagecollector", GarbageCollector::new);
        CONTROLLERS.put("job", JobController::new);
        CONTROLLERS.put("resourcequota", ResourceQuotaController::new);
    }

    private Registry() {
    }

    public static Set<String> names() {
        return CONTROLLERS.keySet();
    }

    /**
     * The controllers {@code --controllers} enables: {@code *} for all, {@code name} to add one,
     * {@code -name} to drop one, comma-separated.
     *
     * @throws IllegalArgumentException naming an unknown controller
     */
    public static List<String> enabled(List<String> spec) {
        Set<String> on = new LinkedHashSet<>();
        Set<String> off = new LinkedHashSet<>();
        for (String item : spec) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("*")) {
                on.addAll(CONTROLLERS.keySet());
                continue;
            }
            boolean disable = name.startsWith("-");
            String bare = disable ? name.substring(1) : name;
            if (!CONTROLLERS.containsKey(bare)) {
                throw new IllegalArgumentException("unknown controller \"" + bare + "\" (known: "
                        + String.join(", ", CONTROLLERS.keySet()) + ")");
            }
            (disable ? off : on).add(bare);
        }
        List<String> out = new ArrayList<>();
        for (String name : CONTROLLERS.keySet()) {
            if (on.contains(name) && !off.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    public static Controller create(String name) {
        Supplier<Controller> factory = CONTROLLERS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown controller " + name);
        }
        return factory.get();
    }
}
