package io.kube4j.common.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1} milli")
    @CsvSource({
            "100m,    100",        // 100 thousandths
            "1.5,     1500",       // 1.5 × 1000
            "2,       2000",
            "0.1,     100",
            "'.5',    500",        // a leading point is allowed
            "1.,      1000",       // so is a trailing one
            "2e3,     2000000",    // 2 × 10^3 = 2000 → 2,000,000 milli
            "1E-3,    1",          // 10^-3 = 1 milli
            "1k,      1000000",    // 1000 × 1000
            "500u,    1",          // 0.0005 rounds up to 1 milli
            "1n,      1",          // 10^-9 rounds up to 1 milli
            "+3m,     3",
            "-3m,     -3",
            "0,       0",
    })
    void cpuQuantitiesReadInMilli(String text, long milli) {
        assertThat(Quantity.parse(text).milliValue()).isEqualTo(milli);
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "128Mi,   134217728",           // 128 × 2^20
            "1Gi,     1073741824",          // 2^30
            "1G,      1000000000",          // 10^9
            "1.5Gi,   1610612736",          // 1.5 × 2^30
            "1Ki,     1024",
            "2Ti,     2199023255552",       // 2 × 2^40
            "1M,      1000000",
            "1E,      1000000000000000000", // a lone E is exa, not an exponent
            "1Ei,     1152921504606846976", // 2^60
            "2e3,     2000",
            "1e0,     1",
            "100m,    1",                   // 0.1 byte rounds up to 1
            "12345,   12345",
    })
    void memoryQuantitiesReadInBytes(String text, long bytes) {
        assertThat(Quantity.parse(text).value()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "m", "Mi", ".", "+", "1.2.3", "1x", "1mi", "1KiB", "1e", "1e1000", "1 Gi", "abc", "1Gi2"})
    void rejectsWhatIsNoQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity \"" + text + "\"");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Quantity.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantitiesOfTheSameAmountAreEqualWhateverTheirSpelling() {
        assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1073741824"));
        assertThat(Quantity.parse("1Gi").hashCode()).isEqualTo(Quantity.parse("1073741824").hashCode());
        assertThat(Quantity.parse("0.5")).isEqualTo(Quantity.parse("500m"));
        assertThat(Quantity.parse("1k")).isEqualTo(Quantity.parse("1e3"));
        assertThat(Quantity.parse("1Gi")).isGreaterThan(Quantity.parse("1G"));
    }

    @Test
    void hugeAmountsSaturateInsteadOfOverflowing() {
        assertThat(Quantity.parse("100Ei").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.parse("10E").milliValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.parse("-100Ei").value()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void keepsTheTextItWasParsedFrom() {
        assertThat(Quantity.parse("128Mi")).hasToString("128Mi");
        assertThat(Quantity.of(110)).hasToString("110");
        assertThat(Quantity.of(110).value()).isEqualTo(110);
        assertThat(Quantity.ZERO.isZero()).isTrue();
    }
}
