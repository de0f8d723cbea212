package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} (binary {1}) → {2}")
    @CsvSource({
            "0, false, 0", "10, false, 10", "1000, false, 1k", "2000000, false, 2M",
            "0.5, false, 500m", "1.5, false, 1500m", "0.000001, false, 1u", "0.0000005, false, 500n",
            // 256 × 1024² bytes
            "268435456, true, 256Mi", "1536, true, 1536", "1073741824, true, 1Gi",
            // not a multiple of 1024 but of 1000
            "200000000, true, 200M", "1234, true, 1234",
    })
    void printsAmountsInTheirShortestExactForm(String amount, boolean binary, String text) {
        assertThat(Quantities.format(new BigDecimal(amount), binary)).isEqualTo(text);
    }
}
