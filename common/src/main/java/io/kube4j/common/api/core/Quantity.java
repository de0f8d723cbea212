package io.kube4j.common.api.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A Kubernetes resource quantity such as {@code 100m}, {@code 1.5}, {@code 128Mi}, {@code 1G} or
 * {@code 2e3}: a signed decimal number followed by a binary-SI suffix (Ki … Ei), a decimal-SI
 * suffix (n, u, m, k, M, G, T, P, E) or a decimal exponent ({@code e3}, {@code E-2}). Immutable;
 * two quantities are equal when they denote the same amount ({@code 1Gi} equals {@code 1073741824}).
 * The integer views round up, as Kubernetes does, so a request is never under-counted.
 */
public final class Quantity implements Comparable<Quantity> {

    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, "0");

    /** Exponents beyond this are no resource amount anyone means; refusing them keeps arithmetic cheap. */
    private static final int MAX_EXPONENT = 100;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private final BigDecimal amount;
    private final String text;

    private Quantity(BigDecimal amount, String text) {
        this.amount = amount;
        this.text = text;
    }

    /**
     * Parses the Kubernetes quantity syntax.
     *
     * @throws IllegalArgumentException naming the text when it is not a quantity
     */
    public static Quantity parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a quantity is required, got null");
        }
        String s = text.trim();
        int end = numberEnd(s);
        if (end == 0) {
            throw invalid(text);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        return new Quantity(number.multiply(multiplier(s.substring(end), text)), s);
    }

    /** An exact whole amount, for example bytes or pods. */
    public static Quantity of(long value) {
        return new Quantity(BigDecimal.valueOf(value), Long.toString(value));
    }

    /** Where the signed decimal number of {@code s} ends; 0 when there is none. */
    private static int numberEnd(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        return digits == 0 ? 0 : i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BigDecimal multiplier(String suffix, String text) {
        BigDecimal si = SUFFIXES.get(suffix);
        if (si != null) {
            return si;
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            String exponent = suffix.substring(1);
            if (exponent.matches("[+-]?[0-9]{1,4}")) {
                int e = Integer.parseInt(exponent);
                if (Math.abs(e) <= MAX_EXPONENT) {
                    return BigDecimal.ONE.scaleByPowerOfTen(e);
                }
            }
        }
        throw invalid(text);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("quantity \"" + text
                + "\" must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    /** The exact amount (cores, bytes, …). */
    public BigDecimal amount() {
        return amount;
    }

    /** The amount rounded up to a whole number, saturating at the bounds of {@code long}. */
    public long value() {
        return saturate(amount.setScale(0, RoundingMode.CEILING));
    }

    /** The amount in thousandths rounded up ({@code 100m} → 100, {@code 1.5} → 1500), saturating. */
    public long milliValue() {
        return saturate(amount.multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    private static long saturate(BigDecimal whole) {
        if (whole.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (whole.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return whole.longValueExact();
    }

    @Override
    public int compareTo(Quantity other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Quantity q && q.amount.compareTo(amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    /** The text it was parsed from. */
    @Override
    public String toString() {
        return text;
    }
}
