package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.PriceSeries;
import org.junit.jupiter.api.Test;

/**
 * On random walks the naive forecast is the best there is: whatever a network learns there is noise, and the
 * gate must never promote it. 20 panels (seeds 1..20) of 4 driftless random walks of unequal lengths, trained and
 * judged with the service's defaults.
 */
class GateOnRandomWalksTest {

    @Test
    void noCandidateTrainedOnRandomWalksIsEverPromoted() {
        GatedTraining.Settings defaults = GatedTraining.Settings.of(LstmConfig.DEFAULT, 0.2, 200, GateSettings.DEFAULT);
        List<String> promoted = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            List<PriceSeries> panel = SyntheticSeries.randomWalkPanel(4, 320, seed);
            GatedTraining.Candidate c = GatedTraining.run(panel, defaults, null, LstmTrainer.EpochListener.NONE);
            try {
                assertThat(c.verdict()).as("seed %d was trained and judged", seed).isNotNull();
                pValues.add(c.verdict().evidence().vsNaive().pValue());
                if (c.passed()) {
                    promoted.add("seed " + seed + ": " + c.verdict().evidence().summary());
                }
            } finally {
                c.trained().model().close();
            }
        }
        System.out.println("gate p-values on 20 random-walk panels: " + pValues.stream()
                .map(p -> String.format(Locale.ROOT, "%.3f", p)).toList());
        assertThat(promoted).isEmpty();
    }
}
