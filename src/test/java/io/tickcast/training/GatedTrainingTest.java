package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.tickcast.gate.GateSettings;
import io.tickcast.gate.ValidationWindow;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.PriceSeries;
import org.junit.jupiter.api.Test;

class GatedTrainingTest {

    private static final LocalDate D0 = SyntheticSeries.START;

    @Test
    void historiesOfUnequalLengthAreCutAtOneDateSoNoTrainingTargetIsLaterThanAnyValidationTarget() {
        List<PriceSeries> series = List.of(
                SyntheticSeries.dated("LONG", D0, SyntheticSeries.wave(400, 100, 0, 1)),
                SyntheticSeries.dated("LATE", D0.plusDays(250), SyntheticSeries.wave(150, 50, 1, 2)),
                SyntheticSeries.dated("GONE", D0, SyntheticSeries.wave(200, 80, 2, 3)));
        GatedTraining.Settings settings = GatedTraining.Settings.of(LstmConfig.DEFAULT.withEpochs(3), 0.2, 10,
                GateSettings.DEFAULT);
        GatedTraining.Candidate c = GatedTraining.run(series, settings, null, LstmTrainer.EpochListener.NONE);
        try {
            LocalDate cutoff = c.cutoff();
            assertThat(c.validation()).isNotEmpty().allSatisfy(w -> assertThat(w.targetDate()).isAfter(cutoff));
            // counted here from the dates alone: windows whose target is on or before the cutoff train
            int training = 0;
            int validating = 0;
            for (PriceSeries s : series) {
                for (int i = 5; i < s.length(); i++) {
                    if (s.dates()[i].isAfter(cutoff)) {
                        validating++;
                    } else {
                        training++;
                    }
                }
            }
            assertThat(c.trainWindows()).isEqualTo(training);
            assertThat(c.validation()).hasSize(validating);
            assertThat(validating).isBetween((int) (0.17 * (training + validating)), (int) (0.23 * (training + validating)));
            // GONE ended before the cutoff: it trains and never validates; cut by count, its last 20% would validate
            assertThat(c.validation()).extracting(ValidationWindow::symbol).doesNotContain("GONE");
            assertThat(c.verdict().evidence().cutoff()).isEqualTo(cutoff);
        } finally {
            c.trained().model().close();
        }
    }
}
