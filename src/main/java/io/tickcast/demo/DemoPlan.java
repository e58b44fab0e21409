package io.tickcast.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tickcast.records.CsvTickReader;
import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;

/**
 * How the demo splits a data set: per symbol, the first {@code trainFraction} of the days train the first
 * model; the rest are replayed as live ticks, preceded by the last {@code window - 1} training days so the
 * first replayed test day already has a full window.
 */
public record DemoPlan(List<PriceSeries> trainingSeries, List<Tick> replay, long expectedForecasts) {

    public static DemoPlan of(List<Tick> ticks, int window, double trainFraction) {
        List<PriceSeries> training = new ArrayList<>();
        List<Tick> replay = new ArrayList<>();
        long expected = 0;
        for (Map.Entry<String, List<Tick>> e : CsvTickReader.bySymbol(ticks).entrySet()) {
            List<Tick> series = e.getValue();
            int cut = (int) (series.size() * trainFraction);
            if (cut <= window || cut >= series.size()) {
                throw new IllegalArgumentException(e.getKey() + " has " + series.size() + " days: too few to train on "
                        + (int) (trainFraction * 100) + "% and replay the rest with a window of " + window);
            }
            training.add(CsvTickReader.priceSeries(e.getKey(), series.subList(0, cut)));
            List<Tick> tail = series.subList(cut - (window - 1), series.size());
            replay.addAll(tail);
            expected += tail.size() - (window - 1);
        }
        replay.sort(Comparator.comparing(Tick::date));
        return new DemoPlan(training, replay, expected);
    }
}
