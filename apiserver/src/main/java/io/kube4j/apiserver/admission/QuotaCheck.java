package io.kube4j.apiserver.admission;

import io.kube4j.common.api.core.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Whether a request fits one quota, and the quota's usage once it is charged: pure arithmetic. */
final class QuotaCheck {

    private QuotaCheck() {
    }

    /**
     * The outcome of charging a request.
     *
     * @param used    the quota's usage after the charge (every requested name), when allowed
     * @param message Kubernetes' "exceeded quota: …" text, empty when allowed
     */
    record Decision(boolean allowed, Map<String, BigDecimal> used, String message) {
    }

    /**
     * Charges {@code requested} (names the quota limits only) on top of {@code used}. Every
     * requested name counts, even at zero: a quota already over its limit admits nothing it limits.
     */
    static Decision charge(String quota, Map<String, Quantity> hard, Map<String, BigDecimal> used,
                           Map<String, BigDecimal> requested) {
        Map<String, BigDecimal> after = new TreeMap<>(used);
        List<String> exceeded = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(requested).entrySet()) {
            BigDecimal total = used.getOrDefault(e.getKey(), BigDecimal.ZERO).add(e.getValue());
            after.put(e.getKey(), total);
            if (total.compareTo(hard.get(e.getKey()).amount()) > 0) {
                exceeded.add(e.getKey());
            }
        }
        if (exceeded.isEmpty()) {
            return new Decision(true, after, "");
        }
        String message = "exceeded quota: " + quota
                + ", requested: " + print(exceeded, requested::get)
                + ", used: " + print(exceeded, name -> used.getOrDefault(name, BigDecimal.ZERO))
                + ", limited: " + print(exceeded, name -> hard.get(name).amount());
        return new Decision(false, used, message);
    }

    private static String print(List<String> names, Function<String, BigDecimal> amount) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(name + "=" + Quantities.format(amount.apply(name), Quantities.isBytes(name)));
        }
        return String.join(",", parts);
    }
}
