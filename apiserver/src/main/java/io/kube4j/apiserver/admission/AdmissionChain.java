package io.kube4j.apiserver.admission;

import java.util.List;

/** The enabled admission plugins, in order. */
public final class AdmissionChain {

    public static final AdmissionChain NONE = new AdmissionChain(List.of());

    private final List<AdmissionPlugin> plugins;

    public AdmissionChain(List<AdmissionPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    public void admit(AdmissionRequest request) {
        for (AdmissionPlugin plugin : plugins) {
            plugin.admit(request);
        }
    }

    public void validate(AdmissionRequest request) {
        for (AdmissionPlugin plugin : plugins) {
            plugin.validate(request);
        }
    }

    public List<AdmissionPlugin> plugins() {
        return plugins;
    }
}
