package io.tickcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

    @Test
    void windowsSplitSeventyThirtyInTimeOrder() {
        // 15 closes, window 3: 12 windows; int(12 * 0.7) = 8 train, 4 test
        double[] s = new double[15];
        for (int i = 0; i < s.length; i++) {
            s[i] = 100 + i;
        }
        HoldoutSplit split = HoldoutSplit.of(s, 3, 0.7);
        assertThat(split.windowCount()).isEqualTo(12);
        assertThat(split.trainCount()).isEqualTo(8);
        assertThat(split.testCount()).isEqualTo(4);
        // train windows 0..7 and their targets: closes 0..10
        assertThat(split.trainSeries()).hasSize(11).endsWith(110);
        assertThat(split.allWindows()).hasSize(12);
        assertThat(split.testWindows().get(0)).containsExactly(108, 109, 110);
        assertThat(split.testActuals()).containsExactly(111, 112, 113, 114);
        assertThat(split.testNaive()).containsExactly(110, 111, 112, 113);
    }
}
