package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.tickcast.config.TickcastConfig;
import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.PriceSeries;
import io.tickcast.registry.PromotedBy;
import org.junit.jupiter.api.Test;

/** The first model goes through the gate too: trained and gated, validated on other data, or forced and said so. */
class InitialModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aModelFileIsPublishedOnlyIfItBeatsNaiveOnDataItDidNotTrainOn() {
        double[] wave = SyntheticSeries.wave(700, 100, 0, 4);
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT, List.of(Arrays.copyOf(wave, 400)),
                LstmTrainer.EpochListener.NONE).model()) {
            PriceSeries later = SyntheticSeries.dated("W", SyntheticSeries.START.plusDays(400), Arrays.copyOfRange(wave, 400, 700));
            InitialModel onTheWave = InitialModel.validate(model, List.of(later), GateSettings.DEFAULT, CLOCK);
            assertThat(onTheWave.publishable()).as(onTheWave.verdict()).isTrue();
            assertThat(onTheWave.record().promotedBy()).isEqualTo(PromotedBy.GATE);
            assertThat(onTheWave.record().validation().windows()).isEqualTo(295);
            assertThat(onTheWave.record().data().from()).isEqualTo(later.first());

            PriceSeries walk = SyntheticSeries.dated("R", SyntheticSeries.START,
                    SyntheticSeries.randomWalk(300, 100, 0.01, new Random(2)));
            InitialModel onAWalk = InitialModel.validate(model, List.of(walk), GateSettings.DEFAULT, CLOCK);
            assertThat(onAWalk.publishable()).isFalse();
            assertThat(onAWalk.verdict()).startsWith("rejected: no evidence that it beats the naive forecast");

            InitialModel forced = InitialModel.forced(model, CLOCK);
            assertThat(forced.record().promotedBy()).isEqualTo(PromotedBy.FORCED);
            assertThat(forced.record().validation()).isNull();
            assertThat(forced.record().passedGate()).isFalse();
        }
    }

    @Test
    void aModelTrainedOnAFileIsGatedOnTheFilesMostRecentPart() {
        TickcastConfig config = TickcastConfig.load(List.of(), java.util.Map.of(), java.util.Map.of());
        InitialModel learnable = InitialModel.train(List.of(
                SyntheticSeries.dated("A", SyntheticSeries.START, SyntheticSeries.wave(600, 100, 0, 1))), config, CLOCK,
                LstmTrainer.EpochListener.NONE);
        assertThat(learnable.publishable()).as(learnable.verdict()).isTrue();
        assertThat(learnable.record().validation().cutoff()).isNotNull();
        InitialModel walks = InitialModel.train(SyntheticSeries.randomWalkPanel(3, 500, 5), config, CLOCK,
                LstmTrainer.EpochListener.NONE);
        // on random walks nothing beats naive: not promoted, but sane, so published as the challenger, which then
        // serves only where a symbol's own evidence promotes it
        assertThat(walks.publishable()).as(walks.verdict()).isTrue();
        assertThat(walks.record().promotedBy()).isEqualTo(PromotedBy.CHALLENGER);
        assertThat(walks.verdict()).startsWith("the challenger: no evidence that it beats the naive forecast");
    }
}
