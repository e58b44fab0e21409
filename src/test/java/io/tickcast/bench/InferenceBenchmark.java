package io.tickcast.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;

/**
 * LSTM inference cost per window: one window per {@link LstmPredictor#forecast} call (what the stream does
 * per tick) vs many windows in one {@link LstmPredictor#forecastAll} call, with the naive forecast (last
 * close) for scale. A plain main, not a test: times are only compared as ratios within one run, never
 * asserted. Variants alternate within every round (order reversed every other round) so machine drift
 * hits all of them; the table shows medians over the rounds. See docs/benchmarks.md.
 *
 * <p>Settings (system properties): {@code bench.epochs} (20), {@code bench.windows} (1000),
 * {@code bench.warmup} (3 rounds), {@code bench.rounds} (15), {@code bench.naiveReps} (1000 passes over
 * the windows per naive sample, so a sample lasts long enough to time).
 */
public final class InferenceBenchmark {

    private static final int EPOCHS = Integer.getInteger("bench.epochs", 20);
    private static final int WINDOWS = Integer.getInteger("bench.windows", 1000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);
    private static final int NAIVE_REPS = Integer.getInteger("bench.naiveReps", 1000);

    /** Keeps results alive so the JIT cannot drop the work. */
    private static double sink;

    private InferenceBenchmark() {
    }

    public static void main(String[] args) {
        DjlSetup.apply();
        List<Tick> ticks = CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS);
        double[] dax = CsvTickReader.bySymbol(ticks).get("DAX").stream().mapToDouble(Tick::close).toArray();
        LstmConfig config = LstmConfig.DEFAULT.withEpochs(EPOCHS);
        System.out.printf(Locale.ROOT, "training on DAX (%d closes), %d epochs ...%n", dax.length, EPOCHS);
        TrainingResult trained = LstmTrainer.train(config, List.of(dax), LstmTrainer.EpochListener.NONE);
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d examples, best epoch %d)%n",
                trained.elapsed().toMillis() / 1000.0, trained.examples(), trained.bestEpoch());

        List<double[]> windows = windows(dax, config.window(), WINDOWS);
        try (LstmModel model = trained.model(); LstmPredictor predictor = model.newPredictor()) {
            checkSameForecasts(predictor, windows);
            String[] names = {"single", "batch", "naive"};
            double[][] perWindowNs = new double[3][ROUNDS];
            for (int round = -WARMUP; round < ROUNDS; round++) {
                int[] order = Math.floorMod(round, 2) == 0 ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
                for (int variant : order) {
                    double ns = switch (variant) {
                        case 0 -> single(predictor, windows);
                        case 1 -> batch(predictor, windows);
                        default -> naive(windows);
                    };
                    if (round >= 0) {
                        perWindowNs[variant][round] = ns;
                    }
                }
            }
            report(names, perWindowNs);
        }
        if (sink == 42.0) {
            System.out.println();
        }
    }

    /** {@code count} windows of {@code window} consecutive closes, cycling through the series. */
    static List<double[]> windows(double[] series, int window, int count) {
        List<double[]> out = new ArrayList<>(count);
        int starts = series.length - window + 1;
        for (int i = 0; i < count; i++) {
            int from = i % starts;
            out.add(Arrays.copyOfRange(series, from, from + window));
        }
        return out;
    }

    /** Nanoseconds per window, one {@code forecast} call per window. */
    private static double single(LstmPredictor predictor, List<double[]> windows) {
        long start = System.nanoTime();
        double s = 0;
        for (double[] w : windows) {
            s += predictor.forecast(w);
        }
        long elapsed = System.nanoTime() - start;
        sink += s;
        return (double) elapsed / windows.size();
    }

    /** Nanoseconds per window, all windows in one {@code forecastAll} call. */
    private static double batch(LstmPredictor predictor, List<double[]> windows) {
        long start = System.nanoTime();
        double[] out = predictor.forecastAll(windows);
        long elapsed = System.nanoTime() - start;
        sink += out[out.length - 1];
        return (double) elapsed / windows.size();
    }

    /** Nanoseconds per window of the naive forecast (the last close), over {@code NAIVE_REPS} passes. */
    private static double naive(List<double[]> windows) {
        long start = System.nanoTime();
        double s = 0;
        for (int rep = 0; rep < NAIVE_REPS; rep++) {
            for (double[] w : windows) {
                s += w[w.length - 1];
            }
        }
        long elapsed = System.nanoTime() - start;
        sink += s;
        return (double) elapsed / ((long) windows.size() * NAIVE_REPS);
    }

    /** Both LSTM paths must compute the same forecasts, or the comparison means nothing. */
    private static void checkSameForecasts(LstmPredictor predictor, List<double[]> windows) {
        double[] batch = predictor.forecastAll(windows);
        double maxRel = 0;
        for (int i = 0; i < windows.size(); i++) {
            double single = predictor.forecast(windows.get(i));
            maxRel = Math.max(maxRel, Math.abs(single - batch[i]) / Math.abs(batch[i]));
        }
        System.out.printf(Locale.ROOT, "single vs batch forecasts: max relative difference %.2e over %d windows%n",
                maxRel, windows.size());
        if (maxRel > 1e-4) {
            throw new IllegalStateException("single and batch forecasts differ by " + maxRel);
        }
    }

    private static void report(String[] names, double[][] ns) {
        System.out.printf(Locale.ROOT, "%nper-window cost, %d windows per sample, %d rounds after %d warm-up rounds "
                + "(variant order alternated per round)%n", WINDOWS, ROUNDS, WARMUP);
        System.out.printf(Locale.ROOT, "%-8s %14s %14s %14s%n", "variant", "median ns/win", "min ns/win", "max ns/win");
        for (int v = 0; v < names.length; v++) {
            double[] sorted = ns[v].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-8s %14.1f %14.1f %14.1f%n", names[v], median(ns[v]), sorted[0],
                    sorted[sorted.length - 1]);
        }
        System.out.printf(Locale.ROOT, "%nratios (median of the per-round ratios; ratio of the medians in brackets)%n");
        ratio("single / batch", ns[0], ns[1]);
        ratio("single / naive", ns[0], ns[2]);
        ratio("batch / naive", ns[1], ns[2]);
    }

    private static void ratio(String label, double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        System.out.printf(Locale.ROOT, "%-16s %12.1f  (%.1f)%n", label, median(r), median(a) / median(b));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
