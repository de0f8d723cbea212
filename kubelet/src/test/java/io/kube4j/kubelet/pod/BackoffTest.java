package io.kube4j.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest
    @CsvSource({
        "1, 10",   // 10 · 2^0
        "2, 20",   // 10 · 2^1
        "5, 160",  // 10 · 2^4
        "6, 300",  // 320 capped at 5 min
        "60, 300", // far past the cap, no overflow
    })
    void doublesFromTenSecondsUpToFiveMinutes(int restart, long seconds) {
        assertThat(Backoff.DEFAULT.delay(restart)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
