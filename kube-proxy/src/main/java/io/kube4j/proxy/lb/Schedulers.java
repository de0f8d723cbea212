package io.kube4j.proxy.lb;

import java.util.List;

/** The IPVS schedulers by name. */
public final class Schedulers {

    public static final String DEFAULT = "rr";
    public static final List<String> NAMES = List.of("rr", "wrr", "lc", "sh", "dh", "sed", "nq");

    private Schedulers() {
    }

    /** A new scheduler instance; {@code name} must be one of {@link #NAMES}. */
    public static Scheduler create(String name) {
        return switch (name) {
            case "rr" -> new RoundRobin();
            case "wrr" -> new WeightedRoundRobin();
            case "lc" -> new LeastConnection();
            case "sh" -> new SourceHashing();
            case "dh" -> new DestinationHashing();
            case "sed" -> new ShortestExpectedDelay();
            case "nq" -> new NeverQueue();
            default -> throw new IllegalArgumentException("unknown scheduler \"" + name + "\" (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
