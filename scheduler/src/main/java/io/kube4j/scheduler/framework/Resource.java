package io.kube4j.scheduler.framework;

/**
 * An amount of the resources the scheduler accounts for: CPU in thousandths of a core, memory in
 * bytes, and pods (each pod requests one).
 */
public record Resource(long milliCpu, long memory, long pods) {

    public static final Resource ZERO = new Resource(0, 0, 0);

    public Resource plus(Resource other) {
        return new Resource(milliCpu + other.milliCpu, memory + other.memory, pods + other.pods);
    }

    public Resource minus(Resource other) {
        return new Resource(milliCpu - other.milliCpu, memory - other.memory, pods - other.pods);
    }
}
