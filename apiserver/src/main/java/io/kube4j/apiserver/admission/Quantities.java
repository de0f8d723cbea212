package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/** Resource lists ({@code {cpu: 500m, memory: 128Mi}}) read from JSON, and amounts written back the way Kubernetes prints them. */
final class Quantities {

    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};
    private static final String[] FRACTION = {"m", "u", "n"};
    private static final BigInteger KIBI = BigInteger.valueOf(1024);
    private static final BigInteger KILO = BigInteger.valueOf(1000);

    private Quantities() {
    }

    /** The quantities of a resource list, sorted by name; a value that is no quantity is reported by name. */
    static Map<String, Quantity> list(JsonNode resources, String field) {
        Map<String, Quantity> out = new TreeMap<>();
        resources.fields().forEachRemaining(e -> {
            try {
                out.put(e.getKey(), Quantity.parse(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(field + "." + e.getKey() + ": " + ex.getMessage(), ex);
            }
        });
        return out;
    }

    /**
     * An amount in its shortest exact form: whole numbers with the largest suffix that divides
     * them (binary first when {@code binary}, as for memory: {@code 256Mi}), fractions in
     * thousandths, millionths or billionths ({@code 1500m}).
     */
    static String format(BigDecimal amount, boolean binary) {
        BigDecimal value = amount.stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        if (value.scale() <= 0) {
            BigInteger whole = value.toBigIntegerExact();
            if (binary) {
                String b = withSuffix(whole, KIBI, BINARY);
                if (b != null) {
                    return b;
                }
            }
            String d = withSuffix(whole, KILO, DECIMAL);
            return d != null ? d : whole.toString();
        }
        BigDecimal scaled = value;
        for (String suffix : FRACTION) {
            scaled = scaled.movePointRight(3);
            if (scaled.stripTrailingZeros().scale() <= 0) {
                return scaled.toBigIntegerExact() + suffix;
            }
        }
        return value.toPlainString();
    }

    private static String withSuffix(BigInteger whole, BigInteger base, String[] suffixes) {
        String found = null;
        BigInteger rest = whole;
        for (String suffix : suffixes) {
            BigInteger[] qr = rest.divideAndRemainder(base);
            if (qr[1].signum() != 0) {
                break;
            }
            rest = qr[0];
            found = rest + suffix;
        }
        return found;
    }

    static String format(Quantity quantity, boolean binary) {
        return format(quantity.amount(), binary);
    }

    /** Whether a resource is counted in bytes, so its sums read best in binary suffixes. */
    static boolean isBytes(String resource) {
        return resource.endsWith("memory") || resource.endsWith("storage");
    }
}
