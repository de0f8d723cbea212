package io.kube4j.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileTest {

    static Profile profile(int percentage) {
        return new Profile("p", List.of(), List.of(), null, percentage);
    }

    @ParameterizedTest(name = "{0} nodes at {1}% → {2}")
    @CsvSource({
            // fewer than 100 nodes: all of them
            "50,    0,   50",
            "99,    10,  99",
            // adaptive: 50 - 1000/125 = 42% of 1000 = 420
            "1000,  0,   420",
            // adaptive: 50 - 200/125 = 49% of 200 = 98, raised to the minimum 100
            "200,   0,   100",
            // adaptive: 50 - 5000/125 = 10% of 5000 = 500
            "5000,  0,   500",
            // adaptive floor 5%: 50 - 10000/125 < 5 → 5% of 10000 = 500
            "10000, 0,   500",
            // configured: 30% of 1000 = 300
            "1000,  30,  300",
            // configured but below the minimum: 10% of 500 = 50 → 100
            "500,   10,  100",
            "1000,  100, 1000",
    })
    void findsFeasibleNodesLikeKubernetes(int nodes, int percentage, int expected) {
        assertThat(profile(percentage).nodesToFind(nodes)).isEqualTo(expected);
    }

    @Test
    void rejectsPercentagesOutsideZeroToHundred() {
        assertThatThrownBy(() -> profile(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> profile(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsAtTheFirstFailingFilterAndNamesIt() {
        FilterPlugin pass = plugin("Pass", Status.SUCCESS);
        FilterPlugin fail = plugin("Fail", Status.unschedulable("no"));
        FilterPlugin never = plugin("Never", Status.error("must not run"));
        Profile profile = new Profile("p", List.of(pass, fail, never), List.of(), null, 0);
        Status status = profile.filter(new CycleState(), null, null);
        assertThat(status.plugin()).isEqualTo("Fail");
        assertThat(status.reasons()).containsExactly("no");
    }

    @Test
    void weighsAndClampsScores() {
        ScorePlugin fifty = score("Fifty", 50);
        ScorePlugin tooHigh = score("TooHigh", 250);
        Profile profile = new Profile("p", List.of(), List.of(new WeightedScore(fifty, 2), new WeightedScore(tooHigh, 1)),
                null, 0);
        // 50 * 2 + min(250, 100) * 1 = 200
        assertThat(profile.score(new CycleState(), null, null)).isEqualTo(200);
    }

    static FilterPlugin plugin(String name, Status status) {
        return new FilterPlugin() {
            @Override
            public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
                return status;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    static ScorePlugin score(String name, long value) {
        return new ScorePlugin() {
            @Override
            public long score(CycleState state, PodInfo pod, NodeInfo node) {
                return value;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
