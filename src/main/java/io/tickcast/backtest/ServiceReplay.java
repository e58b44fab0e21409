package io.tickcast.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;
import io.tickcast.registry.ServingTerms;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.topology.StreamEvents;
import io.tickcast.topology.TopologyDrivers;
import io.tickcast.training.GatedTraining;
import io.tickcast.training.RetrainCycle;
import io.tickcast.training.TickHistory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The service's whole loop replayed offline with the code the service runs: the forecasting topology
 * ({@link ForecastTopology}, under {@link TopologyDrivers}, so the same windows, batching, challenger, per-symbol
 * evidence, promotions and demotions), and a retraining ({@link RetrainCycle}, as the trainer runs it, against the
 * model in service) before the first replayed date on or after {@code firstTraining} and then every
 * {@code retrainEvery} dates, on every tick before that date (at most {@code trainer.history-days} per symbol, as
 * the trainer keeps them); a published record is installed with the terms the registry's follower gives it
 * ({@link ServingTerms#terms}). Ticks go in date order, all symbols' ticks of a date together. Retrainings are on
 * data time, so the same ticks give the same run (up to the trained models' last digits on another processor).
 */
public final class ServiceReplay {

    /** A retraining: before which date, its outcome, the version it published (0: none), and why. */
    public record Retraining(LocalDate before, RetrainCycle.Outcome outcome, long version, String detail) {
    }

    /**
     * One symbol's replay: per forecast date its forecast, and the symbol's evidence at the end (null: none kept).
     */
    public record SymbolReplay(String symbol, TreeMap<LocalDate, Forecast> forecasts, SymbolEvidence evidence) {

        /** The forecast made on {@code asOf} (null if none). */
        public Forecast madeOn(LocalDate asOf) {
            return forecasts.get(asOf);
        }
    }

    /** The replay: per symbol, its forecasts and evidence; the retrainings in order. */
    public record Result(Map<String, SymbolReplay> symbols, List<Retraining> retrainings) {

        /** Retrainings that published a model. */
        public long published() {
            return retrainings.stream().filter(r -> r.version() > 0).count();
        }
    }

    /** Hears about each retraining as it happens. */
    public interface Progress {
        void retrained(Retraining retraining);

        Progress NONE = r -> { };
    }

    private ServiceReplay() {
    }

    /**
     * Replays {@code ticks} (each symbol's list in date order) through the service's loop.
     *
     * @param retrainEvery replayed dates between retrainings after the first ({@code 0}: only the first)
     */
    public static Result run(Map<String, List<Tick>> ticks, LocalDate firstTraining, int retrainEvery,
                             TickcastConfig config, Progress progress) {
        if (retrainEvery < 0) {
            throw new IllegalArgumentException("retrainEvery must be >= 0, got " + retrainEvery);
        }
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("tickcast-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the replay", e);
        }
        try {
            return replay(ticks, firstTraining, retrainEvery, config, progress, stateDir);
        } finally {
            deleteTree(stateDir);
        }
    }

    private static Result replay(Map<String, List<Tick>> ticks, LocalDate firstTraining, int retrainEvery,
                                 TickcastConfig config, Progress progress, Path stateDir) {
        Map<LocalDate, List<Tick>> byDate = new TreeMap<>();
        ticks.values().forEach(list -> list.forEach(t -> byDate.computeIfAbsent(t.date(), d -> new ArrayList<>()).add(t)));
        List<LocalDate> dates = new ArrayList<>(byDate.keySet());
        ModelSlot slot = new ModelSlot(config.windowSize(), config.evidence().decision());
        TickcastConfig.Trainer t = config.trainer();
        GatedTraining.Settings settings = GatedTraining.Settings.of(config.lstm(), t.validationFraction(), t.minWindows(),
                config.gate()).withIntervals(config.intervals()).withEvidence(config.evidence().settings());
        List<Retraining> retrainings = new ArrayList<>();
        Map<String, TreeMap<LocalDate, Forecast>> forecasts = new TreeMap<>();
        ticks.keySet().forEach(s -> forecasts.put(s, new TreeMap<>()));
        Map<String, SymbolEvidence> evidence = new HashMap<>();
        long version = 0;
        int first = -1;
        try (TopologyTestDriver driver = TopologyDrivers.start("tickcast-replay", stateDir, config, slot,
                Instant.parse("2026-01-01T00:00:00Z"), StreamEvents.NONE)) {
            TestInputTopic<String, String> in = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Forecast> out = driver.createOutputTopic(config.topics().forecasts(),
                    Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
            for (int i = 0; i < dates.size(); i++) {
                LocalDate date = dates.get(i);
                if (first < 0 && !date.isBefore(firstTraining)) {
                    first = i;
                }
                if (first >= 0 && (i == first || retrainEvery > 0 && (i - first) % retrainEvery == 0)) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1)); // the batch waiting goes out first
                    collect(out, forecasts);
                    Retraining r = retrain(ticks, date, settings, config, slot, version + 1);
                    if (r.version() > 0) {
                        version = r.version();
                    }
                    retrainings.add(r);
                    progress.retrained(r);
                }
                for (Tick tick : byDate.get(date)) {
                    in.pipeInput(tick.symbol(), "{\"symbol\":\"" + tick.symbol() + "\",\"date\":\"" + tick.date()
                            + "\",\"close\":" + tick.close() + "}");
                }
                if (i % 50 == 0) {
                    collect(out, forecasts);
                }
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            collect(out, forecasts);
            KeyValueStore<String, SymbolEvidence> store = driver.getKeyValueStore(ForecastTopology.SYMBOL_EVIDENCE);
            ticks.keySet().forEach(s -> evidence.put(s, store.get(s)));
        } finally {
            slot.clear("replay over");
        }
        Map<String, SymbolReplay> symbols = new TreeMap<>();
        forecasts.forEach((s, f) -> symbols.put(s, new SymbolReplay(s, f, evidence.get(s))));
        return new Result(symbols, retrainings);
    }

    private static void collect(TestOutputTopic<String, Forecast> out, Map<String, TreeMap<LocalDate, Forecast>> into) {
        for (Forecast f : out.readValuesToList()) {
            into.computeIfAbsent(f.symbol(), k -> new TreeMap<>()).put(f.asOf(), f);
        }
    }

    /**
     * Trains on the ticks before {@code before} (the newest {@code trainer.history-days} per symbol) against the
     * model in service, and installs what the trainer would publish under {@code version}.
     */
    private static Retraining retrain(Map<String, List<Tick>> ticks, LocalDate before, GatedTraining.Settings settings,
                                      TickcastConfig config, ModelSlot slot, long version) {
        List<PriceSeries> history = new ArrayList<>();
        int keep = config.trainer().historyDays();
        ticks.forEach((symbol, list) -> {
            List<Tick> past = list.stream().filter(x -> x.date().isBefore(before)).toList();
            List<Tick> kept = past.subList(Math.max(0, past.size() - keep), past.size());
            if (!kept.isEmpty()) {
                history.add(new PriceSeries(symbol, kept.stream().map(Tick::date).toArray(LocalDate[]::new),
                        kept.stream().mapToDouble(Tick::close).toArray()));
            }
        });
        ModelSlot.Versioned current = slot.acquire();
        RetrainCycle.Attempt a;
        try {
            a = RetrainCycle.run(TickHistory.Snapshot.of(history), settings, current == null ? null : current.model(),
                    Clock.systemUTC(), LstmTrainer.EpochListener.NONE, config.evidence().decision());
        } finally {
            if (current != null) {
                current.release();
            }
        }
        if (!a.outcome().publishes()) { // RetrainCycle closed the candidate it did not hand over
            return new Retraining(before, a.outcome(), 0, a.detail());
        }
        slot.install(a.model(), version, a.record().calibration(),
                ServingTerms.terms(a.record().withVersion(version), config.evidence().decision()));
        return new Retraining(before, a.outcome(), version, a.detail());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
