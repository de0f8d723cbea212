package io.kube4j.apiserver.bench;

/**
 * How much the bench does. The full sizes are the ones the targets speak of; {@code --quick}
 * is a tenth of them for a run of a few seconds.
 *
 * @param warmup    unmeasured pod creates (and deletes) before anything is timed: on two cores the
 *                  JIT compiles for tens of seconds, and the figures are meant for a warm apiserver
 * @param watchRate watched creates per second; 0 for as fast as {@code writers} allow
 */
record BenchSettings(boolean quick, int pods, int puts, int warmup, int writers, int lists, int watchers,
                     int watchWrites, double watchRate) {

    /** The defaults of a full or quick run, with whatever the flags set instead (null = default). */
    static BenchSettings of(boolean quick, Integer pods, Integer puts, Integer warmup, int writers, Integer lists,
                            Integer watchers, Integer watchWrites, double watchRate) {
        int podCount = or(pods, quick ? 1_000 : 10_000);
        BenchSettings settings = new BenchSettings(quick,
                podCount,
                or(puts, quick ? 2_000 : 20_000),
                or(warmup, podCount),
                writers,
                or(lists, quick ? 10 : 30),
                or(watchers, quick ? 50 : 500),
                or(watchWrites, quick ? 100 : 1_000),
                watchRate);
        settings.check();
        return settings;
    }

    private void check() {
        if (warmup < 1 || pods < 1 || puts < 1 || writers < 1 || lists < 1 || watchers < 1 || watchWrites < 1) {
            throw new IllegalArgumentException("--pods, --puts, --warmup, --writers, --lists, --watchers and --watch-writes must be at least 1");
        }
        if (watchRate < 0) {
            throw new IllegalArgumentException("--watch-rate must be 0 (unpaced) or more");
        }
    }

    private static int or(Integer value, int otherwise) {
        return value != null ? value : otherwise;
    }
}
