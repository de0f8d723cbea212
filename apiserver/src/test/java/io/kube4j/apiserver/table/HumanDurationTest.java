package io.kube4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0}s reads {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -5        | <invalid>
            -1        | 0s
            0         | 0s
            5         | 5s
            119       | 119s
            120       | 2m
            184       | 3m4s
            599       | 9m59s
            600       | 10m
            10799     | 179m
            10800     | 3h
            11100     | 3h5m
            28800     | 8h
            172799    | 47h
            172800    | 2d
            190800    | 2d5h
            691200    | 8d
            63071999  | 729d
            63072000  | 2y
            64800000  | 2y20d
            252288000 | 8y
            """)
    void formatsLikeKubernetesHumanDuration(long seconds, String expected) {
        // 190800 = 2*86400 + 5*3600; 64800000 = 750 days = 2y (730d) + 20d; 252288000 = 8*365 days
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "created {0} reads {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-06-01T11:59:55Z      | 5s
            2025-06-01T11:56:56Z      | 3m4s
            2025-05-30T07:00:00+00:00 | 2d5h
            not-a-time                | <unknown>
            ''                        | <unknown>
            """)
    void agesAreMeasuredFromCreationTimestampToNow(String created, String expected) {
        var object = TestObjects.json("{metadata: {creationTimestamp: '" + created + "'}}");
        assertThat(Fields.age(object, TestObjects.NOW)).isEqualTo(expected);
    }
}
