package io.tickcast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;

/**
 * Training time of 100 epochs on DAX: tickcast's trainer next to the seed article's PyTorch script
 * ({@code seed_lstm.py} of the shared reference folder, run as a subprocess on the same CSV), and optionally
 * the reference's windowed PyTorch script ({@code window_lstm.py}: the same network and mini-batches of 64, as
 * tickcast's {@code tickcast-64} variant, its default before batches of 1,024). All train on the same data: the first 70% of DAX's 5-day windows (1,298), as the
 * scripts cut them; tickcast's trainer, as everywhere in tickcast, fits the older 80% of those and validates
 * every epoch on the newest 20% (best epoch kept). A plain main, not a test: times are compared as ratios within
 * one run, never asserted. Variants alternate within every round (order reversed every other round), and the
 * table shows medians over the rounds. See docs/benchmarks.md.
 *
 * <p>What is timed: for tickcast, {@link TrainingResult#elapsed()} (model set-up, the epochs, restoring the best
 * epoch), in a JVM that has trained once before (warm-up); for the scripts, the training loop's time that they
 * print ({@code train_s}), so Python's and PyTorch's start-up are left out; their process wall time is printed too.
 *
 * <p>Settings (system properties): {@code bench.epochs} (100), {@code bench.rounds} (3), {@code bench.warmup}
 * (1 training per tickcast variant first), {@code bench.variants} (comma-separated, default
 * {@code tickcast,tickcast-64,pytorch-seed,pytorch-window}), {@code bench.otherBatch} (64) and
 * {@code bench.otherRate} (0.01) for {@code tickcast-64} (tickcast's trainer with the former default's batches),
 * {@code bench.python} (/usr/bin/python3, which has Debian's python3-torch and python3-pandas),
 * {@code bench.reference} (../shared/reference), {@code bench.csv} (the bundled EuStockMarkets file).
 */
public final class TrainingBenchmark {

    private static final int EPOCHS = Integer.getInteger("bench.epochs", 100);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1);
    private static final String PYTHON = System.getProperty("bench.python", "/usr/bin/python3");
    private static final Path REFERENCE = Path.of(System.getProperty("bench.reference", "../shared/reference"));
    private static final Path CSV = Path.of(System.getProperty("bench.csv", "src/main/resources/data/eustockmarkets.csv"));
    private static final double TRAIN = 0.7;
    private static final Pattern TRAIN_S = Pattern.compile("train_s=([0-9.]+)");

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        DjlSetup.apply();
        List<String> variants = List.of(System.getProperty("bench.variants",
                "tickcast,tickcast-64,pytorch-seed,pytorch-window").split(","));
        List<Tick> ticks = CsvTickReader.read(CSV);
        double[] dax = CsvTickReader.bySymbol(ticks).get("DAX").stream().mapToDouble(Tick::close).toArray();
        int window = LstmConfig.DEFAULT.window();
        int trainWindows = (int) ((dax.length - window) * TRAIN);   // as the scripts: int(len(X) * 0.7)
        double[] trainingPart = Arrays.copyOf(dax, trainWindows + window);
        LstmConfig d = LstmConfig.DEFAULT.withEpochs(EPOCHS);
        LstmConfig other = d.withBatches(Integer.getInteger("bench.otherBatch", 64),
                Double.parseDouble(System.getProperty("bench.otherRate", "0.01")));
        System.out.printf(Locale.ROOT, "DAX: %d closes, %d training windows, %d epochs; %s%n", dax.length, trainWindows,
                EPOCHS, describe(variants, d, other));
        if (variants.contains("pytorch-window") && EPOCHS != 100) {
            throw new IllegalArgumentException("window_lstm.py always trains 100 epochs; leave pytorch-window out");
        }
        for (int w = 0; w < WARMUP; w++) {
            for (String v : variants) {
                if (v.startsWith("tickcast")) {
                    System.out.printf(Locale.ROOT, "warm-up %-15s %s%n", v, tickcast(v.equals("tickcast") ? d : other, trainingPart));
                }
            }
        }
        double[][] seconds = new double[variants.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            List<String> order = new ArrayList<>(variants);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String v : order) {
                Sample s = switch (v) {
                    case "tickcast" -> tickcast(d, trainingPart);
                    case "tickcast-64" -> tickcast(other, trainingPart);
                    case "pytorch-seed" -> script("seed_lstm.py", String.valueOf(EPOCHS));
                    case "pytorch-window" -> script("window_lstm.py");
                    default -> throw new IllegalArgumentException("unknown variant " + v);
                };
                seconds[variants.indexOf(v)][round] = s.seconds();
                System.out.printf(Locale.ROOT, "round %d %-15s %s%n", round + 1, v, s);
            }
        }
        report(variants, seconds);
    }

    private static String describe(List<String> variants, LstmConfig d, LstmConfig other) {
        List<String> parts = new ArrayList<>();
        for (String v : variants) {
            parts.add(switch (v) {
                case "tickcast" -> String.format(Locale.ROOT, "tickcast = default trainer (batch %d, lr %s)",
                        d.batchSize(), d.learningRate());
                case "tickcast-64" -> String.format(Locale.ROOT, "tickcast-64 = batch %d, lr %s",
                        other.batchSize(), other.learningRate());
                case "pytorch-seed" -> "pytorch-seed = " + REFERENCE.resolve("seed_lstm.py") + " (full batch)";
                case "pytorch-window" -> "pytorch-window = " + REFERENCE.resolve("window_lstm.py") + " (batch 64)";
                default -> v;
            });
        }
        return String.join("; ", parts);
    }

    /** A timed run: seconds of training, and what else it said (so the runs can be seen to do the same work). */
    private record Sample(double seconds, String detail) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%7.2f s  %s", seconds, detail);
        }
    }

    private static Sample tickcast(LstmConfig config, double[] trainingPart) {
        TrainingResult r = LstmTrainer.train(config, List.of(trainingPart), LstmTrainer.EpochListener.NONE);
        r.model().close();
        return new Sample(r.elapsed().toNanos() / 1e9, String.format(Locale.ROOT,
                "fitted %d, validated %d, kept epoch %d, validation MSE %.6f", r.examples(), r.validationExamples(),
                r.bestEpoch(), r.validationLosses()[r.bestEpoch() - 1]));
    }

    private static Sample script(String name, String... extra) {
        Path script = REFERENCE.resolve(name);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no reference script " + script.toAbsolutePath() + " (set bench.reference)");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), CSV.toString(), "DAX"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");   // the scripts set one torch thread themselves too
        pb.environment().put("MKL_NUM_THREADS", "1");
        long start = System.nanoTime();
        StringBuilder out = new StringBuilder();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                }
            }
            int exit = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            Matcher m = TRAIN_S.matcher(out);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + out);
            }
            String line = out.toString().strip();
            line = line.substring(line.lastIndexOf('\n') + 1);
            return new Sample(Double.parseDouble(m.group(1)), String.format(Locale.ROOT, "(process %.1f s) %s", wall, line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void report(List<String> variants, double[][] seconds) {
        System.out.printf(Locale.ROOT, "%ntraining time, %d epochs on DAX, %d rounds (variant order alternated per round)%n",
                EPOCHS, ROUNDS);
        System.out.printf(Locale.ROOT, "| variant | median s | min | max |%n|---|---:|---:|---:|%n");
        for (int v = 0; v < variants.size(); v++) {
            double[] s = seconds[v].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", variants.get(v), median(seconds[v]), s[0],
                    s[s.length - 1]);
        }
        System.out.printf(Locale.ROOT, "%n| ratio | median of per-round ratios | ratio of medians |%n|---|---:|---:|%n");
        for (int a = 0; a < variants.size(); a++) {
            for (int b = 0; b < variants.size(); b++) {
                if (a == b || !(variants.get(a).startsWith("pytorch") && variants.get(b).startsWith("tickcast")
                        || variants.get(a).equals("tickcast-64") && variants.get(b).equals("tickcast"))) {
                    continue;
                }
                double[] perRound = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    perRound[r] = seconds[a][r] / seconds[b][r];
                }
                System.out.printf(Locale.ROOT, "| %s / %s | %.2f | %.2f |%n", variants.get(a), variants.get(b),
                        median(perRound), median(seconds[a]) / median(seconds[b]));
            }
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
