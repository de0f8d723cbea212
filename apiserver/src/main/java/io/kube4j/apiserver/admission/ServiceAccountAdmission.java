package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceAccount: a pod without {@code spec.serviceAccountName} runs as {@code default}, and the
 * account it names must exist (403 otherwise). Until a controller creates the {@code default}
 * account of every namespace (the ServiceAccount controller), a missing {@code default} is let
 * through rather than failing every pod. Mirror pods are left alone, as the kubelet compares
 * their spec with its manifest.
 */
final class ServiceAccountAdmission implements AdmissionPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountAdmission.class);
    static final String DEFAULT_ACCOUNT = "default";

    private final ClusterReader reader;

    ServiceAccountAdmission(ClusterReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "ServiceAccount";
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (!Pods.isPodWrite(request, AdmissionRequest.Operation.CREATE) || Pods.isMirror(request.object())) {
            return;
        }
        ObjectNode spec = request.object().get("spec") instanceof ObjectNode s ? s : request.object().putObject("spec");
        String account = spec.path("serviceAccountName").asText("");
        if (account.isEmpty()) {
            account = spec.path("serviceAccount").asText("");
        }
        if (account.isEmpty()) {
            account = DEFAULT_ACCOUNT;
        }
        spec.put("serviceAccountName", account);
        ResourceType accounts = reader.type("", "v1", "serviceaccounts");
        if (account.equals(DEFAULT_ACCOUNT)) {
            // admitted either way, so the cache's word is enough: no etcd read on every pod create
            if (LOG.isDebugEnabled() && reader.cached(accounts, request.namespace(), account).isEmpty()) {
                LOG.debug("admitting pod {}/{} although its default service account does not exist (yet)",
                        request.namespace(), request.name());
            }
            return;
        }
        if (reader.get(accounts, request.namespace(), account).isPresent()) {
            return;
        }
        throw Rejections.forbidden(request, "error looking up service account " + request.namespace() + "/" + account
                + ": serviceaccount \"" + account + "\" not found");
    }
}
