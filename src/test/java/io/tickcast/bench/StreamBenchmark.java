package io.tickcast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.kafka.TempDirs;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.ModelKind;
import io.tickcast.records.RejectReason;
import io.tickcast.records.Tick;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.topology.PriceWindow;
import io.tickcast.topology.StreamEvents;
import io.tickcast.topology.TopologyDrivers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Throughput of the whole forecasting topology ({@link ForecastTopology#build}) under TopologyTestDriver:
 * N ticks over 4 symbols (default 20,000) with an LSTM installed in the {@link ModelSlot} vs with no model
 * (the naive fallback). Everything but the forecaster is the same: parsing, repartition, RocksDB window and
 * latest-forecast stores, scoring, JSON output. A plain main, not a test: only ratios within one run are
 * reported, nothing is asserted on time. Variants alternate within every round (order reversed every other
 * round); every run gets a fresh driver and temp state dir, created and deleted outside the timing. See
 * docs/benchmarks.md.
 *
 * <p>Settings (system properties): {@code bench.ticks} (20000), {@code bench.symbols} (4),
 * {@code bench.epochs} (20), {@code bench.warmup} (1 round), {@code bench.rounds} (5).
 */
public final class StreamBenchmark {

    private static final int TICKS = Integer.getInteger("bench.ticks", 20_000);
    private static final int SYMBOLS = Integer.getInteger("bench.symbols", 4);
    private static final int EPOCHS = Integer.getInteger("bench.epochs", 20);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final LocalDate D0 = LocalDate.of(1991, 7, 1);

    private StreamBenchmark() {
    }

    /** One timed run: throughput and what the forecaster reported. */
    private record Run(double ticksPerSecond, long forecasts, long lstmForecasts, long forecastNanos) {
    }

    /** Counts forecasts and sums the time the forecaster spent on them (as the metrics would see it). */
    private static final class CountingEvents implements StreamEvents {
        long forecasts;
        long lstm;
        long nanos;

        @Override
        public void tickAccepted(PriceWindow.Outcome outcome) {
        }

        @Override
        public void tickRejected(RejectReason reason) {
        }

        @Override
        public void forecastMade(ModelKind modelKind, long modelVersion, long inferenceNanos) {
            forecasts++;
            if (modelKind == ModelKind.LSTM) {
                lstm++;
            }
            nanos += inferenceNanos;
        }

        @Override
        public void modelCalled(int windows) {
        }

        @Override
        public void inferenceFailed() {
        }

        @Override
        public void forecastScored(ScoredForecast scored) {
        }
    }

    public static void main(String[] args) throws IOException {
        DjlSetup.apply();
        TickcastConfig config = TickcastConfig.defaults();
        List<Tick> bundled = CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS);
        double[] dax = CsvTickReader.bySymbol(bundled).get("DAX").stream().mapToDouble(Tick::close).toArray();
        LstmConfig lstmConfig = LstmConfig.DEFAULT.withEpochs(EPOCHS);
        if (lstmConfig.window() != config.windowSize()) {
            throw new IllegalStateException("model window " + lstmConfig.window() + " != stream window " + config.windowSize());
        }
        System.out.printf(Locale.ROOT, "training on DAX (%d closes), %d epochs ...%n", dax.length, EPOCHS);
        TrainingResult trained = LstmTrainer.train(lstmConfig, List.of(dax), LstmTrainer.EpochListener.NONE);
        System.out.printf(Locale.ROOT, "trained in %.1f s%n", trained.elapsed().toMillis() / 1000.0);

        List<KeyValue<String, String>> ticks = ticks(TICKS, SYMBOLS);
        long expectedForecasts = TICKS - (long) SYMBOLS * (config.windowSize() - 1);
        String[] names = {"lstm", "naive"};
        Run[][] runs = new Run[2][ROUNDS];
        try (LstmModel model = trained.model()) {
            for (int round = -WARMUP; round < ROUNDS; round++) {
                int[] order = Math.floorMod(round, 2) == 0 ? new int[] {0, 1} : new int[] {1, 0};
                for (int variant : order) {
                    ModelSlot slot = new ModelSlot(config.windowSize());
                    if (variant == 0) {
                        slot.install(model, 1);
                    }
                    Run run = run(config, slot, ticks);
                    check(names[variant], run, expectedForecasts, variant == 0);
                    if (round >= 0) {
                        runs[variant][round] = run;
                    }
                    System.out.printf(Locale.ROOT, "%s round %d: %-5s %,10.0f ticks/s%n",
                            round < 0 ? "warm-up" : "timed  ", round < 0 ? round + WARMUP + 1 : round + 1,
                            names[variant], run.ticksPerSecond());
                }
            }
        }
        report(names, runs);
    }

    /** {@code n} ticks of {@code symbols} seeded random walks, day by day, symbols interleaved. */
    static List<KeyValue<String, String>> ticks(int n, int symbols) {
        Random random = new Random(42);
        double[] price = new double[symbols];
        for (int s = 0; s < symbols; s++) {
            price[s] = 1000 + 1000 * s;
        }
        List<KeyValue<String, String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int s = i % symbols;
            price[s] *= 1 + 0.01 * random.nextGaussian();
            String symbol = "SYM" + s;
            String close = String.format(Locale.ROOT, "%.2f", price[s]);
            out.add(KeyValue.pair(symbol, "{\"symbol\":\"" + symbol + "\",\"date\":\"" + D0.plusDays(i / symbols)
                    + "\",\"close\":" + close + "}"));
        }
        return out;
    }

    private static Run run(TickcastConfig config, ModelSlot slot, List<KeyValue<String, String>> ticks) throws IOException {
        Path stateDir = Files.createTempDirectory("tickcast-bench-");
        CountingEvents events = new CountingEvents();
        try (TopologyTestDriver driver = TopologyDrivers.start("stream-benchmark", stateDir, config, slot, NOW, events)) {
            TestInputTopic<String, String> input = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            long start = System.nanoTime();
            input.pipeKeyValueList(ticks);
            driver.advanceWallClockTime(config.batching().maxDelay()); // the last batch's forecasts go out
            long elapsed = System.nanoTime() - start;
            return new Run(ticks.size() / (elapsed / 1e9), events.forecasts, events.lstm, events.nanos);
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private static void check(String name, Run run, long expectedForecasts, boolean lstm) {
        long expectedLstm = lstm ? expectedForecasts : 0;
        if (run.forecasts() != expectedForecasts || run.lstmForecasts() != expectedLstm) {
            throw new IllegalStateException(name + ": " + run.forecasts() + " forecasts (" + run.lstmForecasts()
                    + " by the LSTM), expected " + expectedForecasts + " (" + expectedLstm + ")");
        }
    }

    private static void report(String[] names, Run[][] runs) {
        System.out.printf(Locale.ROOT, "%n%,d ticks over %d symbols per run, %d rounds after %d warm-up round(s) "
                + "(variant order alternated per round)%n", TICKS, SYMBOLS, ROUNDS, WARMUP);
        System.out.printf(Locale.ROOT, "%-6s %14s %12s %12s %14s%n", "model", "median tick/s", "min tick/s",
                "max tick/s", "us/forecast*");
        double[][] tps = new double[2][];
        for (int v = 0; v < 2; v++) {
            tps[v] = Arrays.stream(runs[v]).mapToDouble(Run::ticksPerSecond).toArray();
            double[] sorted = tps[v].clone();
            Arrays.sort(sorted);
            double[] usPerForecast = Arrays.stream(runs[v]).mapToDouble(r -> r.forecastNanos() / 1e3 / r.forecasts())
                    .toArray();
            System.out.printf(Locale.ROOT, "%-6s %,14.0f %,12.0f %,12.0f %14.2f%n", names[v], median(tps[v]),
                    sorted[0], sorted[sorted.length - 1], median(usPerForecast));
        }
        System.out.println("* median time inside the forecaster per forecast, as the inference metric sees it");
        double[] perRound = new double[ROUNDS];
        double[] extraUs = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            perRound[i] = tps[1][i] / tps[0][i];
            extraUs[i] = (1 / tps[0][i] - 1 / tps[1][i]) * 1e6;
        }
        System.out.printf(Locale.ROOT, "%nnaive / lstm throughput: %.2f (median of per-round ratios; ratio of medians %.2f)%n",
                median(perRound), median(tps[1]) / median(tps[0]));
        System.out.printf(Locale.ROOT, "extra wall time per tick with the LSTM: %.1f us (median over rounds)%n",
                median(extraUs));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

}
