package io.tickcast.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.ServiceLoop;
import io.tickcast.backtest.BacktestFiles;
import io.tickcast.backtest.BacktestReport;
import io.tickcast.backtest.BacktestResult;
import io.tickcast.backtest.ServiceReplay;
import io.tickcast.backtest.SymbolResult;
import io.tickcast.config.TickcastConfig;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.Scaling;
import io.tickcast.records.CsvFormatException;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tickcast backtest}: train per symbol on the first part of a price history, score on the rest. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Backtests the LSTM on a price history next to the naive forecast, with the service's whole loop.",
        description = {
            "Backtests the LSTM the way the seed article did, but honestly: for each symbol, the first part of the "
                    + "5-day windows trains a model, the rest are forecast one day ahead and scored next to the naive "
                    + "forecast (tomorrow = today): RMSE, MAE, MAPE, MASE, RMSE ratio to naive, directional accuracy "
                    + "next to the share of up days.",
            "The model is trained and gated as the service does it: the most recent 20%% of the training part's "
                    + "windows validate for the promotion gate (a one-sided Diebold-Mariano test against naive at 5%% "
                    + "over at least 100 windows). 'published' scores what tickcast would have served on the test "
                    + "days: the service's loop replayed over them (one model for all symbols, retrained every "
                    + "--retrain-every test dates, served per symbol where its live evidence promotes it).",
            "Writes a loss log, a loss curve and a forecast-vs-actual chart (PNG) per symbol to the output directory."
        })
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.csv",
            description = "CSV of daily closes with a header: symbol,date,close (other columns are allowed and not used). "
                    + "Default: the bundled EuStockMarkets data (DAX, SMI, CAC, FTSE, 1991-1998).")
    Path file;

    @Option(names = "--symbol", paramLabel = "S", split = ",",
            description = "Symbol to backtest; repeat or separate with commas. Default: every symbol in the file.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed for weight initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = LstmConfig.DEFAULT.seed();

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs per symbol (default: ${DEFAULT-VALUE}).")
    int epochs = LstmConfig.DEFAULT.epochs();

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Training mini-batch size, as lstm.batch-size (default: ${DEFAULT-VALUE}).")
    int batchSize = LstmConfig.DEFAULT.batchSize();

    @Option(names = "--learning-rate", paramLabel = "R",
            description = "Adam's learning rate, as lstm.learning-rate (default: ${DEFAULT-VALUE}).")
    double learningRate = LstmConfig.DEFAULT.learningRate();

    @Option(names = "--train-fraction", paramLabel = "F",
            description = "Share of each symbol's windows, from the start, that form the training part (the "
                    + "LSTM's and the gate's); the rest test (default: ${DEFAULT-VALUE}).")
    double trainFraction = Backtest.Settings.DEFAULT.trainFraction();

    @Option(names = "--scaling", paramLabel = "METHOD", converter = ScalingConverter.class,
            completionCandidates = ScalingCandidates.class,
            description = "How closes are scaled for the network: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "per-window: percent moves from each window's last close; global-minmax: the seed article's "
                    + "min-max over the training closes, which cannot forecast above the training range.")
    Scaling.Method scaling = Backtest.Settings.DEFAULT.scaling();

    @Option(names = "--interval-calibration", paramLabel = "SCOPE",
            description = "Which validation windows calibrate a symbol's prediction intervals: pooled (every "
                    + "symbol's, as the service calibrates one model on all symbols) or per-symbol (its own only); "
                    + "default: ${DEFAULT-VALUE}.")
    String intervalCalibration = "pooled";

    @Option(names = "--adapt-rate", paramLabel = "R",
            description = "Step of the online interval-width correction, as the stream's interval.adapt-rate "
                    + "(default: ${DEFAULT-VALUE}; 0: the calibrated intervals alone).")
    double adaptRate = IntervalSettings.DEFAULT_ADAPT_RATE;

    @Option(names = "--retrain-every", paramLabel = "N",
            description = "The service's loop over the test part retrains every N test dates (0: the first model "
                    + "only; default: ${DEFAULT-VALUE}); its served forecasts are the published figures.")
    int retrainEvery = ServiceLoop.DEFAULT.retrainEvery();

    @Option(names = "--no-service-loop",
            description = "Train and gate per symbol only, without the service's loop: published is then the LSTM "
                    + "where its own gate passed, naive elsewhere (faster).")
    boolean noServiceLoop;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the loss logs and charts (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("tickcast-out", "backtest");

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        DjlSetup.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Backtest.Settings settings = settings();
        Map<String, List<Tick>> selected = select(readTicks());
        String source = file == null ? "bundled " + CsvTickReader.BUNDLED_EUSTOCKS : file.toString();
        BacktestResult result;
        try {
            result = Backtest.run(source, selected, settings, new ProgressPrinter(stderr));
        } catch (IllegalArgumentException e) {
            stderr.println("tickcast backtest: " + e.getMessage());
            return 1;
        }
        List<Path> written = BacktestFiles.write(result, out);
        if (json) {
            stdout.println(BacktestReport.json(result));
        } else {
            stdout.print(BacktestReport.table(result));
            stdout.println();
            stdout.println("wrote " + written.size() + " files to " + out + ":");
            written.forEach(p -> stdout.println("  " + p));
        }
        stdout.flush();
        return 0;
    }

    private Backtest.Settings settings() {
        try {
            LstmConfig lstm = LstmConfig.DEFAULT.withEpochs(epochs).withSeed(seed).withBatches(batchSize, learningRate);
            Backtest.IntervalScope scope = switch (intervalCalibration) {
                case "pooled" -> Backtest.IntervalScope.POOLED;
                case "per-symbol" -> Backtest.IntervalScope.PER_SYMBOL;
                default -> throw new IllegalArgumentException("--interval-calibration must be pooled or per-symbol, was '"
                        + intervalCalibration + "'");
            };
            return Backtest.Settings.DEFAULT.withLstm(lstm).withTrainFraction(trainFraction).withScaling(scaling)
                    .withIntervalScope(scope).withAdaptRate(adaptRate)
                    .withService(noServiceLoop ? null : new ServiceLoop(retrainEvery, TickcastConfig.defaults()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private List<Tick> readTicks() {
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": no such readable file");
        }
        try {
            return CsvTickReader.readOrBundled(file);
        } catch (CsvFormatException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Map<String, List<Tick>> select(List<Tick> ticks) {
        Map<String, List<Tick>> bySymbol = CsvTickReader.bySymbol(ticks);
        if (symbols.isEmpty()) {
            if (bySymbol.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no ticks in " + (file == null ? "the bundled data" : file));
            }
            return bySymbol;
        }
        Map<String, List<Tick>> selected = new LinkedHashMap<>();
        for (String s : symbols) {
            List<Tick> series = bySymbol.get(s.trim());
            if (series == null) {
                throw new ParameterException(spec.commandLine(), "no symbol '" + s.trim() + "' in "
                        + (file == null ? "the bundled data" : file) + " (symbols: " + String.join(", ", bySymbol.keySet()) + ")");
            }
            selected.put(s.trim(), series);
        }
        return selected;
    }

    /** Progress on stderr, so stdout stays a clean table or JSON document. */
    private static final class ProgressPrinter implements Backtest.Progress {

        private final PrintWriter err;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void training(String symbol, int index, int symbols, int trainWindows) {
            err.printf(Locale.ROOT, "[%d/%d] %s: training and gating on a training part of %d windows...%n", index,
                    symbols, symbol, trainWindows);
            err.flush();
        }

        @Override
        public void retrained(ServiceReplay.Retraining r) {
            err.printf(Locale.ROOT, "      service loop: retrained before %s: %s%s%n", r.before(), r.outcome().label(),
                    r.version() > 0 ? ", published v" + r.version() + " (the new challenger)" : ", nothing published");
            err.flush();
        }

        @Override
        public void trained(String symbol, SymbolResult r) {
            err.printf(Locale.ROOT, "      %s: trained in %.1f s, epoch %d of %d kept; gate %s (p=%.3g on %d windows); "
                            + "test RMSE ratio to naive: LSTM %.4f, published %.4f%n",
                    symbol, r.trainingSeconds(), r.bestEpoch(), r.epochs(), r.gate().passed() ? "passed" : "failed",
                    r.gate().pValue(), r.gate().windows(), r.rmseRatio(), r.publishedRmseRatio());
            err.flush();
        }
    }

    /** Parses {@code per-window} / {@code global-minmax}. */
    static final class ScalingConverter implements ITypeConverter<Scaling.Method> {
        @Override
        public Scaling.Method convert(String value) {
            return Scaling.Method.fromLabel(value);
        }
    }

    /** The scaling labels, for help and shell completion. */
    static final class ScalingCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> labels = new ArrayList<>();
            for (Scaling.Method m : Scaling.Method.values()) {
                labels.add(m.label());
            }
            return labels.iterator();
        }
    }
}
