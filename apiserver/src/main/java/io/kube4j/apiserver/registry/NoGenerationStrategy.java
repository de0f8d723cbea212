package io.kube4j.apiserver.registry;

/** Kinds without a spec/status split, whose generation Kubernetes does not track. */
record NoGenerationStrategy(NameRule nameRule) implements Strategy {

    @Override
    public boolean tracksGeneration() {
        return false;
    }
}
