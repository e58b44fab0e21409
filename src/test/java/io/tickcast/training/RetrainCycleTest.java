package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.registry.PromotedBy;
import org.junit.jupiter.api.Test;

class RetrainCycleTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    // pinned, not the defaults: this test is about the gate, not about tuning
    private static final LstmConfig QUICK = new LstmConfig(5, 2, 8, 0.01, 100, 64, 42);
    private static final GatedTraining.Settings SETTINGS = GatedTraining.Settings.of(QUICK, 0.2, 50, GateSettings.DEFAULT);

    private static TickHistory.Snapshot waves() {
        return TickHistory.Snapshot.of(List.of(
                SyntheticSeries.dated("A", SyntheticSeries.START, SyntheticSeries.wave(300, 100, 0, 1)),
                SyntheticSeries.dated("B", SyntheticSeries.START, SyntheticSeries.wave(300, 5000, 1, 2))));
    }

    @Test
    void aCandidateThatBeatsNaiveWithEvidenceIsPromotedWithItsEvidence() {
        RetrainCycle.Attempt a = RetrainCycle.run(waves(), SETTINGS, null, CLOCK, LstmTrainer.EpochListener.NONE);
        try {
            assertThat(a.outcome()).as(a.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
            assertThat(a.validation().rmse()).isLessThan(a.validation().naiveRmse());
            assertThat(a.validation().vsNaive().pValue()).isLessThan(0.05);
            assertThat(a.validation().vsNaive().statistic()).isNegative();
            assertThat(a.validation().vsCurrent()).isNull();
            assertThat(a.validation().currentRmse()).isNaN();
            assertThat(a.validation().passed()).isTrue();
            // 295 windows per symbol on the same days; the most recent 20% of days (59) validate
            assertThat(a.validation().windows()).isEqualTo(2 * 59);
            assertThat(a.validation().vsNaive().dates()).isEqualTo(59);
            assertThat(a.validation().cutoff()).isEqualTo(SyntheticSeries.START.plusDays(299 - 59));
            assertThat(a.record().version()).as("numbered when published").isZero();
            assertThat(a.record().promotedBy()).isEqualTo(PromotedBy.GATE);
            assertThat(a.record().passedGate()).isTrue();
            assertThat(a.record().data().symbols()).isEqualTo(2);
            assertThat(a.detail()).contains("DM vs naive", "p=", "118 windows over 59 dates");
            try (LstmModel copy = LstmModel.fromBytes(a.record().model(), QUICK)) {
                assertThat(copy.parameterCount()).isEqualTo(937);
            }
            assertThat(a.thread()).isEqualTo(Thread.currentThread().getName());
        } finally {
            a.model().close();
        }
    }

    @Test
    void aCandidateNoBetterThanTheCurrentModelIsNotPromotedButIsTheChallenger() {
        RetrainCycle.Attempt first = RetrainCycle.run(waves(), SETTINGS, null, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(first.outcome()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
        // the same seed and data train the same model again: equal is not better, and there is no evidence it is
        RetrainCycle.Attempt again = RetrainCycle.run(waves(), SETTINGS, first.model(), CLOCK, LstmTrainer.EpochListener.NONE);
        first.model().close();
        // not shown better than the current model, but not clearly worse either: published as the challenger
        assertThat(again.outcome()).isEqualTo(RetrainCycle.Outcome.CHALLENGER);
        assertThat(again.record().promotedBy()).isEqualTo(PromotedBy.CHALLENGER);
        assertThat(again.record().passedGate()).isFalse();
        again.model().close();
        assertThat(again.validation().currentRmse()).isEqualTo(again.validation().rmse());
        assertThat(again.validation().vsNaive().pValue()).as("it still beats naive").isLessThan(0.05);
        // identical forecasts: the candidate's loss is never 1% below the current model's, the test says so plainly
        assertThat(again.validation().vsCurrent().pValue()).isGreaterThan(0.99);
        assertThat(again.validation().vsCurrent().statistic()).isPositive();
        assertThat(again.detail()).startsWith("no evidence that it beats the model in service");
    }

    @Test
    void tooFewValidationWindowsAreNoEvidenceForTheGateButTheSaneCandidateIsTheChallenger() {
        GatedTraining.Settings strict = GatedTraining.Settings.of(QUICK, 0.2, 50, new GateSettings(0.05, 500, 0.01));
        RetrainCycle.Attempt a = RetrainCycle.run(waves(), strict, null, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(a.outcome()).isEqualTo(RetrainCycle.Outcome.CHALLENGER);
        assertThat(a.record().symbolEvidence()).as("per-symbol validation evidence travels in the record")
                .containsOnlyKeys("A", "B");
        assertThat(a.record().symbolEvidence().get("A").windows()).isEqualTo(59);
        // the waves are far easier than naive: their validation windows alone are strong evidence
        assertThat(a.record().symbolEvidence().get("A").forPromotion().eValue()).isGreaterThan(20);
        a.model().close();
        assertThat(a.detail()).startsWith("only 118 validation windows, fewer than gate.min-windows=500");
    }

    @Test
    void tooLittleHistoryIsSkippedWithoutTraining() {
        TickHistory.Snapshot small = TickHistory.Snapshot.of(List.of(
                SyntheticSeries.dated("A", SyntheticSeries.START, SyntheticSeries.wave(40, 100, 0, 1))));
        GatedTraining.Settings needsMore = GatedTraining.Settings.of(QUICK, 0.2, 200, GateSettings.DEFAULT);
        RetrainCycle.Attempt a = RetrainCycle.run(small, needsMore, null, CLOCK, LstmTrainer.EpochListener.NONE);
        assertThat(a.outcome()).isEqualTo(RetrainCycle.Outcome.SKIPPED);
        assertThat(a.detail()).contains("28 training windows");
    }
}
