package io.tickcast.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.training.SyntheticSeries;

/**
 * A panel of synthetic symbols, a model forced into service on the registry, and the forecast an undisturbed run
 * makes of each full window (the model on that window): what the fault tests compare the committed forecasts with.
 *
 * @param ticks    every tick, day by day (all symbols of a day before the next day)
 * @param expected "SYMBOL asOf" -> the forecast close the model makes of the window ending that day
 */
record UndisturbedForecasts(List<Tick> ticks, Map<String, Double> expected) {

    static final LocalDate D0 = LocalDate.of(2020, 1, 1);

    /**
     * Trains a small model (20 epochs on the first symbol), publishes it to the registry of {@code config} as a
     * forced record (it serves every symbol), and computes what it forecasts of each window of {@code symbols}
     * symbols over {@code days} days of waves.
     */
    static UndisturbedForecasts publish(TickcastConfig config, int symbols, int days) {
        IntFunction<String> name = s -> "S" + (char) ('A' + s % 26) + (s / 26 == 0 ? "" : Integer.toString(s / 26));
        double[][] closes = new double[symbols][];
        for (int s = 0; s < symbols; s++) {
            closes[s] = SyntheticSeries.wave(days, 100 * (s + 1), s, s);
        }
        Map<String, Double> expected = new HashMap<>();
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(20), List.of(closes[0]),
                LstmTrainer.EpochListener.NONE).model();
             ModelPublisher registry = new ModelPublisher(config.kafkaClientProperties(), config.topics().models());
             LstmPredictor undisturbed = model.newPredictor()) {
            registry.publish(ModelRecord.forced(model, 1, Instant.now()));
            for (int s = 0; s < symbols; s++) {
                for (int d = 4; d < days; d++) {
                    expected.put(name.apply(s) + " " + D0.plusDays(d), undisturbed.forecast(Arrays.copyOfRange(closes[s], d - 4, d + 1)));
                }
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < symbols; s++) {
                ticks.add(Tick.of(name.apply(s), D0.plusDays(d), closes[s][d]));
            }
        }
        return new UndisturbedForecasts(List.copyOf(ticks), Map.copyOf(expected));
    }

    /** Publishes ticks {@code from} (inclusive) to {@code to} (exclusive) of this panel, as fast as they go. */
    void send(TickcastConfig config, int from, int to) {
        try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            publisher.publish(ticks.subList(from, to), 0, n -> { });
        }
    }

    int total() {
        return expected.size();
    }

    /**
     * What is wrong with {@code committed} as the forecasts of this panel: duplicates (a symbol's day more than once),
     * missing or unexpected days, and forecasts unlike the undisturbed run's (another model, or a forecast off by
     * more than 1e-6 relative: which windows share a batched model call depends on timing, and a call of many
     * windows may round the float32 output differently in its last bits, ~1e-8). Empty: exactly once, each equal.
     */
    List<String> problems(List<Forecast> committed) {
        List<String> problems = new ArrayList<>();
        Map<String, Forecast> byKey = new HashMap<>();
        for (Forecast f : committed) {
            String key = f.symbol() + " " + f.asOf();
            if (byKey.put(key, f) != null) {
                problems.add("duplicated: " + key);
            }
        }
        for (String key : expected.keySet()) {
            if (!byKey.containsKey(key)) {
                problems.add("missing: " + key);
            }
        }
        byKey.forEach((key, f) -> {
            Double want = expected.get(key);
            if (want == null) {
                problems.add("unexpected: " + key);
            } else if (!f.model().equals(Forecast.MODEL_LSTM) || Math.abs(f.forecastClose() - want) > 1e-6 * Math.abs(want)) {
                problems.add("unlike the undisturbed run's: " + key + ": " + f.model() + " v" + f.modelVersion() + " "
                        + f.forecastClose() + " (last " + f.lastClose() + ") vs " + want + " at " + f.producedAt());
            }
        });
        Collections.sort(problems);
        return problems;
    }
}
