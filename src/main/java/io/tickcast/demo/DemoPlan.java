package io.tickcast.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.records.CsvTickReader;
import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;

/**
 * How the demo splits a data set: per symbol, the first {@code trainFraction} of the days train the first
 * model; the rest are replayed as live ticks, preceded by the last {@code window - 1} training days so the
 * first replayed test day already has a full window. {@code expectedForecasts} counts the forecasts of the test
 * days ({@code scoredFrom}: per symbol, the first test day, the first whose window is all replayed or overlap days).
 *
 * <p>Before the replay, {@code history} (the training days before those) goes to the ticks topic too, so the trainer
 * in the demo's process retrains on everything up to each retraining day, as a trainer reading the topic would;
 * the forecasts it makes are left out of the table.
 */
public record DemoPlan(List<PriceSeries> trainingSeries, List<Tick> history, List<Tick> replay, long expectedForecasts,
                       Map<String, LocalDate> scoredFrom) {

    public static DemoPlan of(List<Tick> ticks, int window, double trainFraction) {
        List<PriceSeries> training = new ArrayList<>();
        List<Tick> history = new ArrayList<>();
        List<Tick> replay = new ArrayList<>();
        Map<String, LocalDate> scoredFrom = new TreeMap<>();
        long expected = 0;
        for (Map.Entry<String, List<Tick>> e : CsvTickReader.bySymbol(ticks).entrySet()) {
            List<Tick> series = e.getValue();
            int cut = (int) (series.size() * trainFraction);
            if (cut <= window || cut >= series.size()) {
                throw new IllegalArgumentException(e.getKey() + " has " + series.size() + " days: too few to train on "
                        + (int) (trainFraction * 100) + "% and replay the rest with a window of " + window);
            }
            training.add(CsvTickReader.priceSeries(e.getKey(), series.subList(0, cut)));
            List<Tick> head = series.subList(0, cut - (window - 1));
            List<Tick> tail = series.subList(cut - (window - 1), series.size());
            history.addAll(head);
            replay.addAll(tail);
            expected += tail.size() - (window - 1);
            scoredFrom.put(e.getKey(), series.get(cut).date());
        }
        history.sort(Comparator.comparing(Tick::date));
        replay.sort(Comparator.comparing(Tick::date));
        return new DemoPlan(training, history, replay, expected, scoredFrom);
    }
}
