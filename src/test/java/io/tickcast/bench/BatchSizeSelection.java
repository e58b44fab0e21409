package io.tickcast.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.tickcast.gate.Evidence;
import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingRegime;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.PriceSeries;
import io.tickcast.training.GatedTraining;

/**
 * Candidate batch sizes ({@code lstm.batch-size}) and learning rates compared on the training part of the
 * bundled series only (never their test split), for a default that trains faster: for each series, the training part is the first 70% of its
 * windows (the backtest's default split); each candidate trains there as the backtest and the service do
 * ({@link GatedTraining}: the most recent 20% of the training part are the gate's windows, of the rest the last
 * 20% pick the epoch). Prints per candidate and series the gate windows' RMSE ratio to naive (windows the LSTM
 * never trained on), the kept epoch's validation MSE and the training time, then the mean ratio over the series.
 * Not a test; times are one run's on a shared machine. Settings: {@code bench.candidates}, e.g.
 * {@code 64:0.01,256:0.01} (batch:learning rate), and {@code bench.seeds} (default {@code 42}), each candidate
 * trained once per seed; with several seeds a last line per candidate gives the mean over seeds and series.
 */
public final class BatchSizeSelection {

    private static final double TRAIN = 0.7;
    private static final double VALIDATION = 0.2;

    private BatchSizeSelection() {
    }

    public static void main(String[] args) {
        DjlSetup.apply();
        List<PriceSeries> series = new ArrayList<>();
        for (String file : List.of(CsvTickReader.BUNDLED_EUSTOCKS, "/data/djia8012.csv")) {
            for (PriceSeries s : CsvTickReader.priceSeries(CsvTickReader.readResource(file))) {
                int trainWindows = (int) ((s.closes().length - LstmConfig.DEFAULT.window()) * TRAIN);
                int n = trainWindows + LstmConfig.DEFAULT.window();
                series.add(new PriceSeries(s.symbol(), Arrays.copyOf(s.dates(), n), Arrays.copyOf(s.closes(), n)));
            }
        }
        String candidates = System.getProperty("bench.candidates",
                "64:0.01,128:0.01,256:0.01,512:0.01,1024:0.01,256:0.03,1024:0.03");
        long[] seeds = Arrays.stream(System.getProperty("bench.seeds", "42").split(",")).mapToLong(Long::parseLong)
                .toArray();
        System.out.printf(Locale.ROOT, "%-6s %6s %-6s %10s %12s %6s %8s%n", "batch", "lr", "symbol", "gate ratio",
                "val. MSE", "epoch", "train s");
        for (String candidate : candidates.split(",")) {
            String[] parts = candidate.split(":");
            LstmConfig d = LstmConfig.DEFAULT;
            double overSeeds = 0;
            for (long seed : seeds) {
                overSeeds += meanGateRatio(series, new LstmConfig(d.window(), d.layers(), d.hidden(),
                        Double.parseDouble(parts[1]), d.epochs(), Integer.parseInt(parts[0]), seed));
            }
            if (seeds.length > 1) {
                System.out.printf(Locale.ROOT, "%-6s %6s %-6s %10.4f   (mean over seeds %s)%n%n", parts[0], parts[1],
                        "all", overSeeds / seeds.length, Arrays.toString(seeds));
            }
        }
    }

    private static double meanGateRatio(List<PriceSeries> series, LstmConfig config) {
        GatedTraining.Settings settings = new GatedTraining.Settings(config, TrainingRegime.DEFAULT,
                Scaling.Method.PER_WINDOW, VALIDATION, 1, GateSettings.DEFAULT);
        double ratioSum = 0;
        double secondsSum = 0;
        for (PriceSeries s : series) {
            GatedTraining.Candidate c = GatedTraining.run(List.of(s), settings, null, LstmTrainer.EpochListener.NONE);
            c.trained().model().close();
            Evidence e = c.verdict().evidence();
            double seconds = c.trained().elapsed().toNanos() / 1e9;
            ratioSum += e.ratioToNaive();
            secondsSum += seconds;
            System.out.printf(Locale.ROOT, "%-6d %6.3f %-6s %10.4f %12.6f %6d %8.2f%n", config.batchSize(),
                    config.learningRate(), s.symbol(), e.ratioToNaive(),
                    c.trained().validationLosses()[c.trained().bestEpoch() - 1], c.trained().bestEpoch(), seconds);
        }
        System.out.printf(Locale.ROOT, "%-6d %6.3f %-6s %10.4f %12s %6s %8.2f   seed %d%n%n", config.batchSize(),
                config.learningRate(), "mean", ratioSum / series.size(), "", "", secondsSum / series.size(),
                config.seed());
        return ratioSum / series.size();
    }
}
