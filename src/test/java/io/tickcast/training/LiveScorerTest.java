package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.serving.ModelSlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live check with a real model: one that passed the gate on a wave keeps serving while the wave goes on,
 * and is to be demoted by the anytime-valid test once the market turns into a random walk, where its learned moves
 * are noise.
 */
class LiveScorerTest {

    private static final GateSettings GATE = new GateSettings(0.05, 100, 0.01);
    private static final int DAYS = 700;
    private static final int TRAINED_ON = 400;
    private static double[] wave;
    private static LstmModel model;
    private static final ModelSlot SLOT = new ModelSlot(5);

    @BeforeAll
    static void trainOnTheWave() {
        wave = SyntheticSeries.wave(DAYS, 100, 0, 5);
        GatedTraining.Candidate c = GatedTraining.run(
                List.of(SyntheticSeries.dated("W", SyntheticSeries.START, Arrays.copyOf(wave, TRAINED_ON))),
                GatedTraining.Settings.of(LstmConfig.DEFAULT, 0.2, 50, new GateSettings(0.05, 50, 0.01)), null,
                LstmTrainer.EpochListener.NONE);
        assertThat(c.passed()).as(c.verdict().reason()).isTrue();
        model = c.trained().model();
        SLOT.install(model, 3);
    }

    @AfterAll
    static void close() {
        SLOT.clear("test over");
    }

    /** Feeds closes[from..] one new day at a time; returns every verdict. */
    private static List<LiveScorer.Verdict> feed(LiveScorer scorer, double[] closes, int from) {
        List<LiveScorer.Verdict> verdicts = new ArrayList<>();
        for (int i = from; i < closes.length; i++) {
            scorer.observe("W", SyntheticSeries.START.plusDays(i), Arrays.copyOfRange(closes, i - 5, i), closes[i]);
            LiveScorer.Verdict v = scorer.score();
            if (v != null) {
                verdicts.add(v);
            }
        }
        return verdicts;
    }

    @Test
    void aModelThatKeepsWinningIsNeverDemoted() {
        try (LiveScorer scorer = new LiveScorer(200, GATE.minWindows(), EvidenceSettings.DEFAULT, 20)) {
            scorer.serving(SLOT.acquire(), SyntheticSeries.START.plusDays(TRAINED_ON - 1));
            List<LiveScorer.Verdict> verdicts = feed(scorer, wave, TRAINED_ON);
            assertThat(verdicts).hasSize(DAYS - TRAINED_ON); // from the first score on
            assertThat(verdicts).noneMatch(LiveScorer.Verdict::demote);
            assertThat(verdicts.stream().filter(v -> v.windows() >= GATE.minWindows()))
                    .allSatisfy(v -> assertThat(v.ratioToNaive()).isLessThan(0.9));
            assertThat(verdicts.get(verdicts.size() - 1).evidence()).as("betting against a winner loses").isLessThan(0.5);
            assertThat(verdicts.get(verdicts.size() - 1).windows()).isEqualTo(200);
            assertThat(verdicts.get(0).version()).isEqualTo(3);
        }
    }

    @Test
    void aModelWhoseMarketTurnsIntoARandomWalkIsDemoted() {
        double[] turned = wave.clone();
        double[] walk = SyntheticSeries.randomWalk(DAYS - TRAINED_ON + 1, wave[TRAINED_ON - 1], 0.01, new Random(8));
        System.arraycopy(walk, 1, turned, TRAINED_ON, DAYS - TRAINED_ON);
        try (LiveScorer scorer = new LiveScorer(200, GATE.minWindows(), EvidenceSettings.DEFAULT, 20)) {
            scorer.serving(SLOT.acquire(), SyntheticSeries.START.plusDays(TRAINED_ON - 1));
            List<LiveScorer.Verdict> verdicts = feed(scorer, turned, TRAINED_ON);
            LiveScorer.Verdict demotion = verdicts.stream().filter(LiveScorer.Verdict::demote).findFirst().orElse(null);
            assertThat(demotion).as("demoted within %d live days", DAYS - TRAINED_ON).isNotNull();
            assertThat(demotion.ratioToNaive()).isGreaterThan(1);
            assertThat(demotion.evidence()).isGreaterThanOrEqualTo(EvidenceSettings.DEFAULT.threshold());
            // one pooled score per day: every day but the newest is counted
            assertThat(demotion.days()).isPositive().isLessThan(DAYS - TRAINED_ON);
            assertThat(verdicts.stream().takeWhile(v -> !v.demote()))
                    .allSatisfy(v -> assertThat(v.evidence()).isLessThan(EvidenceSettings.DEFAULT.threshold()));
        }
    }

    @Test
    void ticksFromTheTrainingPeriodAndBeforeAModelServesAreNotScored() {
        try (LiveScorer scorer = new LiveScorer(200, GATE.minWindows(), EvidenceSettings.DEFAULT, 20)) {
            scorer.observe("W", LocalDate.of(2030, 1, 1), new double[] {1, 2, 3, 4, 5}, 6);
            assertThat(scorer.score()).as("no model: nothing scored").isNull();
            scorer.serving(SLOT.acquire(), SyntheticSeries.START.plusDays(TRAINED_ON - 1));
            assertThat(feed(scorer, Arrays.copyOf(wave, TRAINED_ON), 5)).as("all on or before its data's end").isEmpty();
        }
    }
}
