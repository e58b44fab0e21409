package io.tickcast.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.config.LstmConfig;
import io.tickcast.lstm.Scaling;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Json;
import io.tickcast.records.Tick;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backtests of the bundled DAX series, with few epochs to stay quick. */
class BacktestTest {

    private static final int EPOCHS = 20;

    @TempDir
    static Path out;

    private static Map<String, List<Tick>> bundled;
    private static double[] daxCloses;
    private static BacktestResult perWindow;
    private static List<Path> written;

    @BeforeAll
    static void backtestDax() {
        bundled = CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS));
        daxCloses = bundled.get("DAX").stream().mapToDouble(Tick::close).toArray();
        perWindow = Backtest.run("test", Map.of("DAX", bundled.get("DAX")), settings(Scaling.Method.PER_WINDOW),
                Backtest.Progress.NONE);
        written = BacktestFiles.write(perWindow, out);
    }

    private static Backtest.Settings settings(Scaling.Method scaling) {
        return Backtest.Settings.DEFAULT.withLstm(LstmConfig.DEFAULT.withEpochs(EPOCHS)).withScaling(scaling);
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
        assertThat(dax.fitWindows() + dax.validationWindows()).isEqualTo(1298);
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
        BacktestResult r = Backtest.run("test", two, Backtest.Settings.DEFAULT.withLstm(LstmConfig.DEFAULT.withEpochs(3)),
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
        assertThat(r.totalTrainingSeconds()).isCloseTo(a.trainingSeconds() + b.trainingSeconds(), within(1e-9));

        String table = BacktestReport.table(r);
        assertThat(table).contains("mean of 2", "beats naive RMSE on " + s.beatingNaive() + " of 2 symbols")
                .containsPattern("(?m)^SMI\\s+lstm\\s+1860\\s+1298\\s+557\\s")
                .containsPattern("(?m)^FTSE\\s+lstm\\s");
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
        assertThat(json.has("summary")).isFalse();
    }
}
