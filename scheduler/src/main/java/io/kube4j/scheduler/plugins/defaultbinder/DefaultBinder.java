package io.kube4j.scheduler.plugins.defaultbinder;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.scheduler.framework.BindPlugin;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Status;

/**
 * Binds through the API: a POST of a Binding to {@code pods/<name>/binding}. A 404 (pod gone) or
 * 409 (already assigned, or being deleted) means the pod no longer needs this scheduler; anything
 * else is an error to retry.
 */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final ResourceClient<Pod> pods;

    public DefaultBinder(ResourceClient<Pod> pods) {
        this.pods = pods;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(PodInfo pod, String nodeName) {
        try {
            pods.bind(pod.namespace(), pod.name(), nodeName);
            return Status.SUCCESS;
        } catch (ApiException e) {
            if (e.code() == 404 || e.code() == 409) {
                return Status.unresolvable(e.getMessage());
            }
            return Status.error(e.getMessage());
        } catch (RuntimeException e) {
            return Status.error(Daemons.oneLine(e));
        }
    }
}
