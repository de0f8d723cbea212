package io.kube4j.controllermanager.testing;

import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ReplicationController;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.controllermanager.util.Unstructured;

/** Small builders of the workload objects the tests create. */
public final class Objects {

    private Objects() {
    }

    public static ObjectNode template(String app, String image) {
        return (ObjectNode) Json.parse("{\"metadata\":{\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"" + image + "\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]}]}}");
    }

    public static ReplicaSet replicaSet(String namespace, String name, String app, int replicas) {
        ReplicaSet rs = ReplicaSet.named(namespace, name);
        rs.spec().put("replicas", replicas);
        rs.spec().putObject("selector").putObject("matchLabels").put("app", app);
        rs.spec().set("template", template(app, "busybox:1"));
        return rs;
    }

    public static ReplicationController replicationController(String namespace, String name, String app, int replicas) {
        ReplicationController rc = ReplicationController.named(namespace, name);
        rc.spec().put("replicas", replicas);
        rc.spec().putObject("selector").put("app", app);
        rc.spec().set("template", template(app, "busybox:1"));
        return rc;
    }

    public static Deployment deployment(String namespace, String name, String app, int replicas, String image) {
        Deployment d = Deployment.named(namespace, name);
        d.spec().put("replicas", replicas);
        d.spec().putObject("selector").putObject("matchLabels").put("app", app);
        d.spec().set("template", template(app, image));
        return d;
    }

    /** A batch/v1 Job whose pods are labelled {@code app=<name>} and never restart. */
    public static Unstructured job(String namespace, String name, int completions, int parallelism) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "batch/v1").put("kind", "Job");
        json.putObject("metadata").put("name", name).put("namespace", namespace);
        Unstructured job = new Unstructured(json);
        job.spec().put("completions", completions).put("parallelism", parallelism);
        ObjectNode template = template(name, "worker:1");
        ((ObjectNode) template.get("spec")).put("restartPolicy", "Never");
        job.spec().set("template", template);
        return job;
    }

    public static Pod pod(String namespace, String name, String app) {
        Pod pod = Pod.named(namespace, name);
        pod.metadata().label("app", app);
        pod.json().set("spec", template(app, "busybox:1").get("spec"));
        return pod;
    }
}
