package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.tickcast.config.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import org.junit.jupiter.api.Test;

class RetrainCycleTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    // pinned, not the defaults: this test is about the gate, not about tuning
    private static final LstmConfig QUICK = new LstmConfig(5, 2, 8, 0.01, 100, 64, 42);

    private static TickHistory.Snapshot waves() {
        return new TickHistory.Snapshot(Map.of(
                "A", SyntheticSeries.wave(200, 100, 0, 1),
                "B", SyntheticSeries.wave(200, 5000, 1, 2)), 400, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 7, 18));
    }

    @Test
    void aCandidateThatBeatsNaiveIsPromotedWithItsValidationNumbers() {
        RetrainCycle.Attempt a = RetrainCycle.run(waves(), QUICK, 0.2, 50, null, 7, CLOCK, LstmTrainer.EpochListener.NONE);
        try {
            assertThat(a.outcome()).as(a.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
            assertThat(a.validation().rmse()).isLessThan(a.validation().naiveRmse());
            assertThat(a.validation().currentRmse()).isNaN();
            // 195 windows per symbol, the last 20% (39) of each validate
            assertThat(a.validation().windows()).isEqualTo(2 * 39);
            assertThat(a.record().version()).isEqualTo(7);
            assertThat(a.record().promotedBy()).isEqualTo("gate");
            assertThat(a.record().data().symbols()).isEqualTo(2);
            // 156 training windows per symbol, of which the trainer holds the last 20% out to pick its epoch
            assertThat(a.record().training().examples()).isBetween(2 * 124, 2 * 125);
            assertThat(LstmModel.fromBytes(a.record().model(), QUICK).parameterCount()).isEqualTo(937);
            assertThat(a.thread()).isEqualTo(Thread.currentThread().getName());
        } finally {
            a.model().close();
        }
    }

    @Test
    void aCandidateWorseThanNaiveIsNotPromoted() {
        // Random walks: tomorrow's best guess is today's close, so naive is the best any model can do, and a
        // network thrown about by a learning rate a hundred times too high forecasts moves that are not there.
        java.util.Random rnd = new java.util.Random(7);
        double[][] walks = new double[2][200];
        for (double[] w : walks) {
            w[0] = 100;
            for (int i = 1; i < w.length; i++) {
                w[i] = w[i - 1] * (1 + 0.01 * rnd.nextGaussian());
            }
        }
        TickHistory.Snapshot randomWalks = new TickHistory.Snapshot(Map.of("A", walks[0], "B", walks[1]), 400,
                LocalDate.of(2020, 1, 1), LocalDate.of(2020, 7, 18));
        LstmConfig thrownAbout = new LstmConfig(5, 2, 8, 1.0, 1, 64, 42);
        RetrainCycle.Attempt a = RetrainCycle.run(randomWalks, thrownAbout, 0.2, 50, null, 1, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(a.outcome()).as(a.detail()).isEqualTo(RetrainCycle.Outcome.REJECTED);
        assertThat(a.record()).isNull();
        assertThat(a.model()).isNull();
        System.out.println("thrown-about candidate on random walks: " + a.detail());
        assertThat(a.validation().rmse()).isGreaterThan(a.validation().naiveRmse());
        assertThat(a.detail()).startsWith("does not beat the naive forecast");
    }

    @Test
    void aCandidateNoBetterThanTheCurrentModelIsNotPromoted() {
        RetrainCycle.Attempt first = RetrainCycle.run(waves(), QUICK, 0.2, 50, null, 1, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(first.outcome()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
        // the same seed and data train the same model again: equal is not better
        RetrainCycle.Attempt again = RetrainCycle.run(waves(), QUICK, 0.2, 50, first.model(), 2, CLOCK, LstmTrainer.EpochListener.NONE);
        first.model().close();
        assertThat(again.outcome()).isEqualTo(RetrainCycle.Outcome.REJECTED);
        assertThat(again.validation().currentRmse()).isEqualTo(again.validation().rmse());
        assertThat(again.detail()).startsWith("does not beat the current model");
    }

    @Test
    void tooLittleHistoryIsSkippedWithoutTraining() {
        TickHistory.Snapshot small = new TickHistory.Snapshot(Map.of("A", SyntheticSeries.wave(40, 100, 0, 1)), 40,
                LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 9));
        RetrainCycle.Attempt a = RetrainCycle.run(small, QUICK, 0.2, 200, null, 1, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(a.outcome()).isEqualTo(RetrainCycle.Outcome.SKIPPED);
        assertThat(a.detail()).contains("28 training windows");
    }
}
