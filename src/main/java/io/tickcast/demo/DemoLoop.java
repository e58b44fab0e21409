package io.tickcast.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.service.TickcastNode;
import io.tickcast.training.RetrainCycle;

/**
 * The demo's replay with the whole loop on a data-time schedule, so the same data give the same run: the history,
 * then the test days in chunks of {@code retrainEvery} trading days; after each chunk (all its forecasts in), the
 * trainer in the same process retrains on every tick so far, and a published model is the new challenger before
 * the next chunk goes out. Each promotion and demotion is printed as the forecasts show it, each retraining with its
 * verdict.
 */
final class DemoLoop {

    /** A retraining of the run: after which test day, its outcome, and the version it published (0: none). */
    record Retraining(LocalDate after, String outcome, long version, String detail) {
    }

    /** A symbol's move between naive and the LSTM, as its forecasts show it. */
    record Decision(LocalDate asOf, String symbol, String change, long challengerVersion) {
    }

    private final TickcastNode node;
    private final TickPublisher publisher;
    private final ForecastCollector forecasts;
    private final int window;
    private final Duration timeout;
    private final TickcastConfig.Trainer trainer;
    private final PrintStream out;
    private final Map<String, Integer> ticksSeen = new HashMap<>();
    private final Map<String, java.util.Set<LocalDate>> daysSeen = new HashMap<>();
    private final Map<String, String> served = new HashMap<>();
    private final List<Retraining> retrainings = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private long expected;
    private long published;

    /** @param timeout the longest each step (forecasts arriving, a retraining, a model arriving) may take */
    DemoLoop(TickcastNode node, TickPublisher publisher, ForecastCollector forecasts, TickcastConfig config,
             Duration timeout, PrintStream out) {
        this.node = node;
        this.publisher = publisher;
        this.forecasts = forecasts;
        this.window = config.windowSize();
        this.trainer = config.trainer();
        this.timeout = timeout;
        this.out = out;
    }

    List<Retraining> retrainings() {
        return retrainings;
    }

    List<Decision> decisions() {
        return decisions;
    }

    /** Publishes the history and the replay, retraining after every {@code retrainEvery} test days (0: never). */
    void run(List<Tick> history, List<Tick> replay, int retrainEvery) throws InterruptedException {
        publish(history);
        List<LocalDate> days = new ArrayList<>(new TreeSet<>(replay.stream().map(Tick::date).toList()));
        int from = 0;
        while (from < days.size()) {
            int to = retrainEvery > 0 ? Math.min(days.size(), from + retrainEvery) : days.size();
            LocalDate first = days.get(from);
            LocalDate last = days.get(to - 1);
            publish(replay.stream().filter(t -> !t.date().isBefore(first) && !t.date().isAfter(last)).toList());
            if (to < days.size()) {
                retrain(last);
            }
            from = to;
        }
    }

    /** Publishes {@code ticks} and waits for their forecasts, then prints the decisions they show. */
    private void publish(List<Tick> ticks) throws InterruptedException {
        for (Tick t : ticks) {
            if (ticksSeen.merge(t.symbol(), 1, Integer::sum) >= window) {
                expected++;
            }
            daysSeen.computeIfAbsent(t.symbol(), k -> new java.util.HashSet<>()).add(t.date());
        }
        publisher.publish(ticks, 0, n -> { });
        published += ticks.size();
        List<Forecast> arrived = forecasts.awaitCount(expected, timeout);
        arrived.sort(Comparator.comparing(Forecast::asOf).thenComparing(Forecast::symbol));
        for (Forecast f : arrived) {
            String before = served.getOrDefault(f.symbol(), Forecast.MODEL_NAIVE);
            if (!before.equals(f.model())) {
                long version = f.challenger() == null ? f.modelVersion() : f.challenger().modelVersion();
                Decision d = new Decision(f.asOf(), f.symbol(), Forecast.MODEL_LSTM.equals(f.model()) ? "promoted"
                        : "demoted", version);
                decisions.add(d);
                out.printf(Locale.ROOT, "%s %-8s %s: %s%n", d.asOf(), d.symbol(), d.change(), d.change().equals("promoted")
                        ? "its evidence shows the LSTM (v" + version + ") beats naive; the LSTM serves it"
                        : "its evidence shows the LSTM no longer beats naive; naive serves it");
            }
            served.put(f.symbol(), f.model());
        }
    }

    /** Retrains on every tick so far (once the trainer has read them all) and waits for what it publishes. */
    private void retrain(LocalDate after) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long history = historyExpected();
        while (node.trainer().historyTicks() < history) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the trainer read " + node.trainer().historyTicks() + " of " + history
                        + " days within " + timeout);
            }
            Thread.sleep(20);
        }
        RetrainCycle.Attempt a;
        try {
            a = node.trainer().retrainNow().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("retraining after " + after + " failed: " + e, e);
        }
        long version = a.outcome().publishes() && a.record() != null ? a.record().version() : 0;
        retrainings.add(new Retraining(after, a.outcome().label(), version, a.detail()));
        out.printf(Locale.ROOT, "Retrained after %s on %d ticks: %s%s%n", after, published, a.outcome().label(),
                version > 0 ? ", published v" + version + " (the new challenger)" : ", nothing published");
        out.println("  " + a.detail());
        while (version > 0 && node.slot().version() != version) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("model v" + version + " did not reach the stream within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** What the trainer's history holds once it has read every tick so far: each symbol's days, within its bounds. */
    private long historyExpected() {
        long days = daysSeen.values().stream().mapToLong(d -> Math.min(d.size(), trainer.historyDays())).sum();
        return Math.min(days, trainer.maxHistoryTicks());
    }
}
