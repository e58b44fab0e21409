package io.tickcast.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.djl.inference.Predictor;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.NativeThreads;
import io.tickcast.lstm.TestModels;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;

/**
 * Single-window inference on a thread that did not load the engine (like a stream thread), with and without
 * tickcast's per-thread intra-op setting, in one run:
 * <ul>
 *   <li>{@code unset}: a plain DJL predictor on the model, so the thread keeps OpenMP's default (one thread
 *       per core, unless OMP_NUM_THREADS says otherwise): what LstmPredictor did before the setting;</li>
 *   <li>{@code set}: {@link LstmPredictor#forecast}, which sets {@code ai.djl.pytorch.num_threads} (1) on its
 *       thread first.</li>
 * </ul>
 * Every sample is a new thread: warm-up calls, then timed calls, then the count of native threads named like
 * it (itself plus its OpenMP pool). Variants alternate within every round (order reversed every other
 * round); the table shows medians over the rounds. The network is the default one, untrained: weights do not
 * change the cost. A plain main, not a test; see docs/benchmarks.md.
 *
 * <p>Settings (system properties): {@code bench.calls} (1000 timed calls per sample), {@code bench.warmupCalls}
 * (200), {@code bench.rounds} (10, after 1 warm-up round), {@code bench.busy} (0 threads spinning on the CPU
 * meanwhile, to imitate a busy machine).
 */
public final class FreshThreadInferenceBenchmark {

    private static final int CALLS = Integer.getInteger("bench.calls", 1000);
    private static final int WARMUP_CALLS = Integer.getInteger("bench.warmupCalls", 200);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final int BUSY = Integer.getInteger("bench.busy", 0);
    private static final String[] VARIANTS = {"unset", "set"};

    /** Keeps results alive so the JIT cannot drop the work. */
    private static volatile double sink;
    private static volatile boolean spinning = true;

    private FreshThreadInferenceBenchmark() {
    }

    /** One fresh thread's result: nanoseconds per call and the native threads named like it. */
    private record Sample(double nsPerCall, int nativeThreads) {
    }

    public static void main(String[] args) throws Exception {
        DjlSetup.apply();
        double[] dax = CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS)).get("DAX")
                .stream().mapToDouble(Tick::close).toArray();
        List<double[]> windows = InferenceBenchmark.windows(dax, LstmConfig.DEFAULT.window(), CALLS);
        System.out.printf(Locale.ROOT, "%d cores, OMP_NUM_THREADS=%s, %s=%s, %d busy thread(s)%n",
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), DjlSetup.NUM_THREADS,
                System.getProperty(DjlSetup.NUM_THREADS), BUSY);
        startBusyThreads();
        try (LstmModel model = TestModels.forecastingAMoveOf(0, LstmConfig.DEFAULT)) {
            Sample[][] samples = new Sample[VARIANTS.length][ROUNDS];
            for (int round = -1; round < ROUNDS; round++) {
                int[] order = Math.floorMod(round, 2) == 0 ? new int[] {0, 1} : new int[] {1, 0};
                for (int variant : order) {
                    String name = VARIANTS[variant] + "-" + (round + 1);
                    Sample s = NativeThreads.onNewThread(name, () -> variant == 0 ? unset(model, windows) : set(model, windows));
                    if (round >= 0) {
                        samples[variant][round] = s;
                    }
                }
            }
            report(samples);
        } finally {
            spinning = false;
        }
    }

    private static Sample unset(LstmModel model, List<double[]> windows) throws Exception {
        try (Predictor<float[][], float[]> predictor = TestModels.withoutThreadSetting(model)) {
            for (int i = 0; i < WARMUP_CALLS; i++) {
                sink += predictor.predict(new float[][] {model.scaling().scaleInputs(windows.get(i))})[0];
            }
            long start = System.nanoTime();
            double s = 0;
            for (double[] w : windows) {
                s += model.scaling().unscale(w, predictor.predict(new float[][] {model.scaling().scaleInputs(w)})[0]);
            }
            return sample(start, s, windows.size());
        }
    }

    private static Sample set(LstmModel model, List<double[]> windows) {
        try (LstmPredictor predictor = model.newPredictor()) {
            for (int i = 0; i < WARMUP_CALLS; i++) {
                sink += predictor.forecast(windows.get(i));
            }
            long start = System.nanoTime();
            double s = 0;
            for (double[] w : windows) {
                s += predictor.forecast(w);
            }
            return sample(start, s, windows.size());
        }
    }

    private static Sample sample(long start, double sum, int calls) {
        double ns = (double) (System.nanoTime() - start) / calls;
        sink += sum;
        return new Sample(ns, NativeThreads.namedAs(Thread.currentThread().getName()));
    }

    private static void startBusyThreads() {
        for (int i = 0; i < BUSY; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (spinning) {
                    x++;
                }
                sink += x;
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void report(Sample[][] samples) {
        System.out.printf(Locale.ROOT, "%nsingle-window inference on a fresh thread, %d calls per sample after %d warm-up "
                + "calls, %d rounds after 1 warm-up round (variant order alternated per round)%n", CALLS, WARMUP_CALLS, ROUNDS);
        System.out.printf(Locale.ROOT, "%-8s %14s %12s %12s %16s%n", "variant", "median us/call", "min", "max",
                "native threads");
        double[][] us = new double[VARIANTS.length][];
        for (int v = 0; v < VARIANTS.length; v++) {
            us[v] = Arrays.stream(samples[v]).mapToDouble(s -> s.nsPerCall() / 1000).toArray();
            double[] sorted = us[v].clone();
            Arrays.sort(sorted);
            int[] threads = Arrays.stream(samples[v]).mapToInt(Sample::nativeThreads).distinct().sorted().toArray();
            System.out.printf(Locale.ROOT, "%-8s %14.1f %12.1f %12.1f %16s%n", VARIANTS[v], InferenceBenchmark.median(us[v]),
                    sorted[0], sorted[sorted.length - 1], Arrays.toString(threads));
        }
        double[] ratios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            ratios[r] = us[0][r] / us[1][r];
        }
        System.out.printf(Locale.ROOT, "%nunset / set: %.1f (median of the per-round ratios; ratio of the medians %.1f)%n",
                InferenceBenchmark.median(ratios), InferenceBenchmark.median(us[0]) / InferenceBenchmark.median(us[1]));
    }
}
