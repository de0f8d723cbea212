package io.kube4j.controllermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFlagTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "500ms, 500", "40s, 40000", "5m, 300000", "1h30m, 5400000", "1.5s, 1500"})
    void parsesGoDurations(String text, long millis) {
        assertThat(DurationFlag.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "five", "5x", "s5", "5m junk"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationFlag.parse(text)).hasMessageContaining("invalid duration");
    }
}
