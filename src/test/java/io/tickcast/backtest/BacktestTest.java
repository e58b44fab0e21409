package io.tickcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.Scaling;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Json;
import io.tickcast.records.Tick;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests of the bundled DAX series, with few epochs to stay quick, and of two synthetic series the gate must
 * tell apart: a wave an LSTM can learn and a random walk, where naive is the best forecast there is.
 */
class BacktestTest {

    /** The per-symbol experiment without the service's loop (BacktestServiceLoopIT covers that), as before it. */
    private static final Backtest.Settings PER_SYMBOL = Backtest.Settings.DEFAULT.withService(null);

    private static final int EPOCHS = 20;
    /** Pinned, not the defaults: the synthetic tests are about the gate, not about tuning. */
    private static final LstmConfig PINNED = new LstmConfig(5, 2, 8, 0.01, 100, 64, 42);
    /** 900 closes, 895 windows: int(895 * 0.7) = 626 in the training part, the most recent 125 of them gate. */
    private static final int SYNTHETIC_DAYS = 900;

    @TempDir
    static Path out;

    private static Map<String, List<Tick>> bundled;
    private static double[] daxCloses;
    private static BacktestResult perWindow;
    private static List<Path> written;
    private static BacktestResult synthetic;

    @BeforeAll
    static void backtestDax() {
        bundled = CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS));
        daxCloses = bundled.get("DAX").stream().mapToDouble(Tick::close).toArray();
        perWindow = Backtest.run("test", Map.of("DAX", bundled.get("DAX")), settings(Scaling.Method.PER_WINDOW),
                Backtest.Progress.NONE);
        written = BacktestFiles.write(perWindow, out);
        Map<String, List<Tick>> waveAndWalk = new LinkedHashMap<>();
        waveAndWalk.put("WAVE", ticks("WAVE", SyntheticSeries.wave(SYNTHETIC_DAYS, 100, 0, 1)));
        waveAndWalk.put("WALK", ticks("WALK", SyntheticSeries.randomWalk(SYNTHETIC_DAYS, 100, 0.01, new Random(7))));
        synthetic = Backtest.run("synthetic", waveAndWalk, PER_SYMBOL.withLstm(PINNED),
                Backtest.Progress.NONE);
        synthetic.symbols().forEach(r -> System.out.printf("%s: gate %s, test RMSE ratio LSTM %.4f, published %.4f%n",
                r.symbol(), r.gate(), r.rmseRatio(), r.publishedRmseRatio()));
    }

    private static List<Tick> ticks(String symbol, double[] closes) {
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            out.add(Tick.of(symbol, SyntheticSeries.START.plusDays(i), closes[i]));
        }
        return out;
    }

    private static Backtest.Settings settings(Scaling.Method scaling) {
        return PER_SYMBOL.withLstm(LstmConfig.DEFAULT.withEpochs(EPOCHS)).withScaling(scaling);
    }

    @Test
    void writesBothChartsAsPngsOfTheFixedSize() throws IOException {
        for (String name : List.of("DAX-loss.png", "DAX-forecast.png")) {
            Path png = out.resolve(name);
            assertThat(written).contains(png);
            assertThat(Files.size(png)).as(name).isPositive();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(name + " decodes as an image").isNotNull();
            assertThat(image.getWidth()).as(name).isEqualTo(BacktestCharts.WIDTH).isEqualTo(1000);
            assertThat(image.getHeight()).as(name).isEqualTo(BacktestCharts.HEIGHT).isEqualTo(500);
        }
    }

    @Test
    void lossLogHasOneLinePerEpochAndMarksTheKeptEpoch() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("DAX-loss.log"));
        assertThat(lines).hasSize(EPOCHS);
        SymbolResult dax = perWindow.symbols().get(0);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("epoch=" + (i + 1) + " train_mse=").contains("validation_mse=");
        }
        assertThat(lines).filteredOn(l -> l.endsWith(" kept")).singleElement().asString()
                .startsWith("epoch=" + dax.bestEpoch() + " ");
    }

    @Test
    void scoresTheSeventyThirtySplitAgainstNaiveOnTheSameDays() {
        SymbolResult dax = perWindow.symbols().get(0);
        // 1860 closes, 1855 windows: int(1855 * 0.7) = 1298 train, 557 test
        assertThat(dax.days()).isEqualTo(1860);
        assertThat(dax.trainWindows()).isEqualTo(1298);
        assertThat(dax.testWindows()).isEqualTo(557);
        // the gate validates on the training part's most recent 20%: round(1298 * 0.8) = 1038 windows train
        assertThat(dax.gate().windows()).isEqualTo(260);
        assertThat(dax.fitWindows() + dax.validationWindows()).isEqualTo(1038);
        assertThat(dax.gate().cutoff()).isEqualTo(bundled.get("DAX").get(1037 + 5).date());
        assertThat(dax.publishedRmseRatio()).isEqualTo(dax.gate().passed() ? dax.rmseRatio() : 1.0);
        // the naive forecast's test RMSE, straight from the closes: targets are closes 1303..1859
        double sum = 0;
        for (int t = 1303; t < daxCloses.length; t++) {
            double e = daxCloses[t] - daxCloses[t - 1];
            sum += e * e;
        }
        assertThat(dax.naive().rmse()).isCloseTo(Math.sqrt(sum / 557), within(1e-9));
        assertThat(dax.rmseRatio()).isCloseTo(dax.lstm().rmse() / dax.naive().rmse(), within(1e-12));
        assertThat(dax.naive().mase()).isCloseTo(
                dax.naive().mae() / ForecastMetrics.naiveMae(Arrays.copyOf(daxCloses, 1303)), within(1e-12));
        assertThat(dax.naive().directionalAccuracy()).isNull();
        assertThat(dax.lstm().directionalAccuracy()).isBetween(0.0, 1.0);
        assertThat(dax.firstTestDate()).isEqualTo(bundled.get("DAX").get(1303).date());
        assertThat(perWindow.parameterCount()).isEqualTo(937);
    }

    @Test
    void globalMinMaxCannotFollowTheTestYearsAboveTheTrainingRange() {
        BacktestResult minMax = Backtest.run("test", Map.of("DAX", bundled.get("DAX")),
                settings(Scaling.Method.GLOBAL_MINMAX), Backtest.Progress.NONE);
        SymbolResult pw = perWindow.symbols().get(0);
        SymbolResult mm = minMax.symbols().get(0);
        System.out.printf("DAX test RMSE, %d epochs: per-window %.2f, global-minmax %.2f, naive %.2f%n", EPOCHS,
                pw.lstm().rmse(), mm.lstm().rmse(), pw.naive().rmse());
        assertThat(mm.lstm().rmse()).isGreaterThan(pw.lstm().rmse());
        assertThat(mm.rmseRatio()).isGreaterThan(1.0);

        // the failure mode: the test years rose far above the training maximum, min-max forecasts stay below it
        double trainMax = Arrays.stream(daxCloses, 0, 1303).max().orElseThrow();
        double testMax = Arrays.stream(daxCloses, 1303, daxCloses.length).max().orElseThrow();
        double halfway = trainMax + (testMax - trainMax) / 2;
        assertThat(testMax).isGreaterThan(2 * trainMax);
        assertThat(testForecastMax(mm)).isLessThan(halfway);
        assertThat(testForecastMax(pw)).isGreaterThan(halfway);
    }

    private static double testForecastMax(SymbolResult r) {
        double[] f = r.series().forecasts();
        return Arrays.stream(f, r.trainWindows(), f.length).max().orElseThrow();
    }

    @Test
    void aMultiSymbolBacktestSummarisesTheMeanOfTheScaleFreeMeasures() {
        Map<String, List<Tick>> two = new LinkedHashMap<>();
        two.put("SMI", bundled.get("SMI"));
        two.put("FTSE", bundled.get("FTSE"));
        BacktestResult r = Backtest.run("test", two, PER_SYMBOL.withLstm(LstmConfig.DEFAULT.withEpochs(3)),
                Backtest.Progress.NONE);
        assertThat(r.symbols()).extracting(SymbolResult::symbol).containsExactly("SMI", "FTSE");
        SymbolResult a = r.symbols().get(0);
        SymbolResult b = r.symbols().get(1);
        BacktestResult.Summary s = r.summary();
        assertThat(s.symbols()).isEqualTo(2);
        assertThat(s.rmseRatio()).isCloseTo((a.rmseRatio() + b.rmseRatio()) / 2, within(1e-12));
        assertThat(s.lstmMase()).isCloseTo((a.lstm().mase() + b.lstm().mase()) / 2, within(1e-12));
        assertThat(s.naiveMape()).isCloseTo((a.naive().mape() + b.naive().mape()) / 2, within(1e-12));
        assertThat(s.upShare()).isCloseTo((a.upShare() + b.upShare()) / 2, within(1e-12));
        assertThat(s.beatingNaive()).isEqualTo((a.rmseRatio() < 1 ? 1 : 0) + (b.rmseRatio() < 1 ? 1 : 0));
        assertThat(s.publishedRmseRatio()).isCloseTo((a.publishedRmseRatio() + b.publishedRmseRatio()) / 2,
                within(1e-12));
        assertThat(s.gatePassed()).isEqualTo((a.gate().passed() ? 1 : 0) + (b.gate().passed() ? 1 : 0));
        assertThat(r.totalTrainingSeconds()).isCloseTo(a.trainingSeconds() + b.trainingSeconds(), within(1e-9));

        String table = BacktestReport.table(r);
        assertThat(table).contains("mean of 2", "beats naive RMSE on " + s.beatingNaive() + " of 2 symbols")
                .containsPattern("(?m)^SMI\\s+lstm\\s+1860\\s+1298\\s+557\\s")
                .containsPattern("(?m)^FTSE\\s+lstm\\s")
                .containsPattern("(?m)^mean of 2\\s+lstm\\s.*\\n\\s+published\\s.*\\n\\s+naive\\s")
                .contains("it passed the gate on " + s.gatePassed() + ".");
    }

    /**
     * DAX's test split: intervals at both levels, calibrated on the gate's validation windows, cover roughly at
     * their levels and score better (Winkler) than naive's unconditional intervals; the chart's bands are the
     * published forecaster's. Margins: the published forecast is naive here (the gate fails at 20 epochs), whose
     * numbers do not depend on training; measured coverage 74.7% / 94.1%, Winkler ratios 0.83 / 0.64.
     */
    @Test
    void theTestSplitScoresIntervalsNextToNaivesUnconditionalIntervals() {
        SymbolResult dax = perWindow.symbols().get(0);
        assertThat(dax.intervals()).extracting(IntervalEvaluation::level).containsExactly(0.8, 0.95);
        for (IntervalEvaluation e : dax.intervals()) {
            assertThat(e.published().coverage()).as("coverage at " + e.level()).isBetween(e.level() - 0.1,
                    Math.min(1, e.level() + 0.05));
            assertThat(e.published().meanWinklerPct()).as("Winkler at " + e.level())
                    .isLessThan(0.95 * e.naiveUncond().meanWinklerPct());
            assertThat(e.published().meanWidthPct()).isPositive();
        }
        assertThat(dax.intervals().get(1).published().meanWidthPct()).isGreaterThan(
                dax.intervals().get(0).published().meanWidthPct());
        assertThat(dax.calibration().naive().samples()).isEqualTo(dax.gate().windows());
        SymbolResult.Series s = dax.series();
        assertThat(s.levels()).containsExactly(0.8, 0.95);
        assertThat(s.bands()[0].length).isEqualTo(dax.testWindows());
        assertThat(java.util.Arrays.stream(s.bands()[0]).allMatch(b -> b[0] < b[1])).isTrue();
        assertThat(BacktestReport.table(perWindow)).containsPattern("(?m)^DAX\\s+lstm\\s+80\\.0%")
                .contains("naive uncond.", "Winkler/uncond.");
        assertThat(BacktestReport.json(perWindow)).contains("\"naiveUncond\"", "\"meanWinklerPct\"",
                "\"intervalCalibration\" : \"pooled\"");
    }

    @Test
    void aLearnableSeriesPassesTheGateAndTheLstmIsPublished() {
        SymbolResult wave = synthetic.symbols().get(0);
        assertThat(wave.gate().passed()).as(wave.gate().reason()).isTrue();
        assertThat(wave.gate().windows()).isEqualTo(125);
        assertThat(wave.gate().pValue()).isLessThan(0.05);
        assertThat(wave.gate().statistic()).isNegative();
        assertThat(wave.gate().rmseRatio()).isLessThan(1.0);
        // the gate's windows are the training part's last 125: their targets follow the cutoff
        assertThat(wave.gate().cutoff()).isEqualTo(SyntheticSeries.START.plusDays(626 - 125 - 1 + 5));
        assertThat(wave.fitWindows() + wave.validationWindows()).isEqualTo(626 - 125);
        // far better than naive on a wave, on the test days too; and that is what is published
        assertThat(wave.rmseRatio()).isLessThan(0.9);
        assertThat(wave.publishedRmseRatio()).isEqualTo(wave.rmseRatio());
        assertThat(wave.published()).isEqualTo(wave.lstm());
    }

    @Test
    void onARandomWalkTheGateFailsAndNaiveIsPublished() {
        SymbolResult walk = synthetic.symbols().get(1);
        assertThat(walk.gate().passed()).isFalse();
        assertThat(walk.gate().windows()).isGreaterThanOrEqualTo(100);
        assertThat(walk.gate().pValue()).isGreaterThanOrEqualTo(0.05);
        assertThat(walk.gate().reason()).startsWith("no evidence that it beats the naive forecast");
        assertThat(walk.publishedRmseRatio()).isEqualTo(1.0);
        assertThat(walk.published()).isEqualTo(new SymbolResult.Scores(walk.naive().rmse(), walk.naive().mae(),
                walk.naive().mape(), walk.naive().mase(), null));
        // the LSTM's own scores are still its test forecasts' (whatever they are)
        double[] f = walk.series().forecasts();
        double[] closes = walk.series().closes();
        double[] test = Arrays.copyOfRange(f, walk.trainWindows(), f.length);
        double[] actual = Arrays.copyOfRange(closes, walk.trainWindows() + 5, closes.length);
        assertThat(walk.lstm().rmse()).isEqualTo(ForecastMetrics.rmse(test, actual));
        assertThat(walk.rmseRatio()).isEqualTo(walk.lstm().rmse() / walk.naive().rmse());
    }

    @Test
    void theSummaryCountsGatePassesAndAveragesThePublishedRatio() {
        SymbolResult wave = synthetic.symbols().get(0);
        SymbolResult walk = synthetic.symbols().get(1);
        BacktestResult.Summary s = synthetic.summary();
        assertThat(s.gatePassed()).isEqualTo(1);
        assertThat(s.publishedRmseRatio()).isCloseTo((wave.rmseRatio() + 1.0) / 2, within(1e-12));
        assertThat(s.rmseRatio()).isCloseTo((wave.rmseRatio() + walk.rmseRatio()) / 2, within(1e-12));
        assertThat(s.publishedMape()).isCloseTo((wave.lstm().mape() + walk.naive().mape()) / 2, within(1e-12));

        String table = BacktestReport.table(synthetic);
        assertThat(table)
                .containsPattern("(?m)^WAVE\\s+lstm\\s.*\\n\\s+published\\s.*\\s"
                        + String.format(Locale.ROOT, "%.4f", wave.rmseRatio()) + "\\s.*\\n\\s+naive\\s")
                .containsPattern("(?m)^\\s+published(\\s+\\S+){4}\\s+1\\.0000$")
                .containsPattern("(?m)^WAVE\\s+125\\s+\\S+\\s+0\\.\\d{4}\\s+-\\d+\\.\\d\\d\\s+\\S+\\s+yes\\s+lstm$")
                .containsPattern("(?m)^WALK\\s+125\\s+\\S+\\s+\\d\\.\\d{4}\\s+-?\\d+\\.\\d\\d\\s+\\S+\\s+no\\s+naive$")
                .contains("it passed the gate on 1.");
    }

    @Test
    void jsonCarriesTheScoresAndSettingsButNotTheSeries() throws IOException {
        JsonNode json = Json.MAPPER.readTree(BacktestReport.json(perWindow));
        SymbolResult dax = perWindow.symbols().get(0);
        assertThat(json.path("parameterCount").asLong()).isEqualTo(937);
        assertThat(json.path("settings").path("scaling").asText()).isEqualTo("per-window");
        assertThat(json.path("settings").path("epochs").asInt()).isEqualTo(EPOCHS);
        JsonNode symbol = json.path("symbols").get(0);
        assertThat(symbol.path("symbol").asText()).isEqualTo("DAX");
        assertThat(symbol.path("lstm").path("rmse").asDouble()).isEqualTo(dax.lstm().rmse());
        assertThat(symbol.path("rmseRatio").asDouble()).isEqualTo(dax.rmseRatio());
        assertThat(symbol.path("trainLosses").size()).isEqualTo(EPOCHS);
        assertThat(symbol.has("series")).isFalse();
        assertThat(symbol.path("naive").has("directionalAccuracy")).isFalse();
        assertThat(symbol.path("publishedRmseRatio").asDouble()).isEqualTo(dax.publishedRmseRatio());
        assertThat(symbol.path("published").path("rmse").asDouble()).isEqualTo(dax.published().rmse());
        JsonNode gate = symbol.path("gate");
        assertThat(gate.path("passed").asBoolean()).isEqualTo(dax.gate().passed());
        assertThat(gate.path("windows").asInt()).isEqualTo(260);
        assertThat(gate.path("pValue").asDouble()).isEqualTo(dax.gate().pValue());
        assertThat(gate.path("statistic").asDouble()).isEqualTo(dax.gate().statistic());
        assertThat(gate.path("cutoff").asText()).isEqualTo(dax.gate().cutoff().toString());
        assertThat(json.path("settings").path("gateValidationFraction").asDouble()).isEqualTo(0.2);
        assertThat(json.path("settings").path("gateLevel").asDouble()).isEqualTo(0.05);
        assertThat(json.path("settings").path("gateMinWindows").asInt()).isEqualTo(100);
        assertThat(json.path("settings").path("gateMargin").asDouble()).isEqualTo(0.01);
        assertThat(json.has("summary")).isFalse();
    }

    @Test
    void theSummaryInJsonHasThePublishedRatioAndTheGateCount() throws IOException {
        JsonNode summary = Json.MAPPER.readTree(BacktestReport.json(synthetic)).path("summary");
        assertThat(summary.path("publishedRmseRatio").asDouble()).isEqualTo(synthetic.summary().publishedRmseRatio());
        assertThat(summary.path("gatePassed").asInt()).isEqualTo(1);
        assertThat(summary.path("rmseRatio").asDouble()).isEqualTo(synthetic.summary().rmseRatio());
    }

    @Test
    void aTrainingPartTooShortForTheGateIsRefusedBeforeAnyTraining() {
        // 7 closes, window 5: 2 windows, int(2 * 0.7) = 1 in the training part: nothing left to validate
        List<Tick> tiny = ticks("TINY", new double[] {1, 2, 3, 4, 5, 6, 7});
        Map<String, List<Tick>> m = new LinkedHashMap<>();
        m.put("WAVE", ticks("WAVE", SyntheticSeries.wave(100, 100, 0, 1)));
        m.put("TINY", tiny);
        List<String> trained = new ArrayList<>();
        Backtest.Progress progress = new Backtest.Progress() {
            @Override
            public void training(String symbol, int index, int symbols, int trainWindows) {
                trained.add(symbol);
            }

            @Override
            public void trained(String symbol, SymbolResult result) {
            }
        };
        assertThatThrownBy(() -> Backtest.run("test", m, PER_SYMBOL, progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TINY: ")
                .hasMessageContaining("training part");
        assertThat(trained).isEmpty();
    }
}
