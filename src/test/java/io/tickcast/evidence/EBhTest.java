package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EBhTest {

    @Test
    void rejectsTheLargestAsWorkedOutByHand() {
        // K = 4, alpha 0.05: e_(k) must reach 4 / (0.05 k) = 80, 40, 26.7, 20 for k = 1..4;
        // 200 >= 80, 90 >= 40, 30 >= 26.7, 1 < 20: k* = 3
        Map<String, Double> e = Map.of("A", 200.0, "B", 90.0, "C", 30.0, "D", 1.0);
        assertThat(EBh.rejected(e, 0.05)).containsExactlyInAnyOrder("A", "B", "C");
        // step-up: 70 < 80, but 45 >= 40 at k = 2, so both go
        assertThat(EBh.rejected(Map.of("A", 70.0, "B", 45.0, "C", 1.0, "D", 1.0), 0.05))
                .containsExactlyInAnyOrder("A", "B");
        // each just below its threshold: nothing
        assertThat(EBh.rejected(Map.of("A", 79.0, "B", 39.0, "C", 26.0, "D", 19.0), 0.05)).isEmpty();
        assertThat(EBh.rejected(Map.of(), 0.05)).isEmpty();
    }

    @Test
    void aTaskThatSeesSomeSymbolsRejectsASubsetOfWhatAllSymbolsWould() {
        Map<String, Double> all = Map.of("A", 200.0, "B", 90.0, "C", 30.0, "D", 1.0);
        // the task with C and D alone: 30 < 80 and 1 < 40, so neither, though e-BH on all rejects C
        assertThat(EBh.rejected(Map.of("C", 30.0, "D", 1.0), 4, 0.05)).isEmpty();
        assertThat(EBh.rejected(Map.of("B", 90.0, "D", 1.0), 4, 0.05)).containsExactly("B");
        assertThat(EBh.rejected(all, 4, 0.05)).isEqualTo(EBh.rejected(all, 0.05));
        assertThat(EBh.promoted(80, 4, 0.05)).isTrue();
        assertThat(EBh.promoted(79.99, 4, 0.05)).isFalse();
        assertThat(EBh.promoted(20, 1, 0.05)).isTrue();
        assertThatThrownBy(() -> EBh.rejected(all, 3, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbols");
        assertThatThrownBy(() -> EBh.promoted(1, 0, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EBh.rejected(Map.of("A", -1.0), 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withOnlyNullsAnyRejectionHappensInAtMostAlphaOfSeeds() {
        // 20 null symbols with dependent e-values: likelihood ratios exp(b Z - b^2 / 2), E = 1 under the null,
        // the Z sharing a common factor; all nulls, so the FDR is the chance of any rejection
        int symbols = 20;
        int seeds = 20_000;
        double alpha = 0.05;
        int any = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double common = rnd.nextGaussian();
            Map<Integer, Double> e = new HashMap<>();
            for (int i = 0; i < symbols; i++) {
                double z = 0.7 * common + Math.sqrt(1 - 0.49) * rnd.nextGaussian();
                double b = 1 + (i % 4);
                e.put(i, Math.exp(b * z - b * b / 2));
            }
            Set<Integer> rejected = EBh.rejected(e, alpha);
            any += rejected.isEmpty() ? 0 : 1;
        }
        double share = (double) any / seeds;
        System.out.printf(Locale.ROOT, "e-BH with %d null symbols: some rejection in %.4f of %d seeds%n", symbols,
                share, seeds);
        assertThat(share).isLessThanOrEqualTo(alpha);
    }
}
