package io.kube4j.apiserver.registry;

/** The strategy of every served kind, by name, for the resource table. */
final class Strategies {

    static final Strategy DEFAULT = Strategy.DEFAULT;
    static final Strategy NO_GENERATION = new NoGenerationStrategy(Strategy.NameRule.SUBDOMAIN);
    static final Strategy PATH_SEGMENT_NAMES = new NoGenerationStrategy(Strategy.NameRule.PATH_SEGMENT);
    static final Strategy NAMESPACE = new NamespaceStrategy();
    static final Strategy POD = new PodStrategy();
    static final Strategy NODE = new NoGenerationStrategy(Strategy.NameRule.SUBDOMAIN);
    static final Strategy SERVICE = new ServiceStrategy();
    static final Strategy SECRET = new SecretStrategy();
    static final Strategy CONFIG_MAP = new ConfigMapStrategy();
    static final Strategy EVENT = NO_GENERATION;
    static final Strategy REPLICATION_CONTROLLER = new ReplicasStrategy(ReplicasStrategy.Selector.MAP);
    static final Strategy REPLICA_SET = new ReplicasStrategy(ReplicasStrategy.Selector.LABEL_SELECTOR);
    static final Strategy DEPLOYMENT = new DeploymentStrategy();
    static final Strategy JOB = new JobStrategy();

    private Strategies() {
    }
}
