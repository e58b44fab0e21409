package io.tickcast.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;

/**
 * The trainer's bounded memory of closes: at most {@code daysPerSymbol} most recent days per symbol and
 * {@code maxTicks} over all symbols (beyond that, the oldest day of the longest series goes first).
 * A tick for a date already held replaces it. Thread-safe.
 */
public final class TickHistory {

    /** An immutable copy of the history: each symbol's dated closes in date order. */
    public record Snapshot(List<PriceSeries> series, long ticks, LocalDate from, LocalDate to) {

        /** A snapshot of given series (a file's, say), as if the trainer had read them. */
        public static Snapshot of(List<PriceSeries> series) {
            long ticks = series.stream().mapToLong(PriceSeries::length).sum();
            LocalDate from = series.stream().filter(s -> s.length() > 0).map(PriceSeries::first)
                    .min(LocalDate::compareTo).orElse(null);
            LocalDate to = series.stream().filter(s -> s.length() > 0).map(PriceSeries::last)
                    .max(LocalDate::compareTo).orElse(null);
            return new Snapshot(List.copyOf(series), ticks, from, to);
        }
    }

    private final int daysPerSymbol;
    private final long maxTicks;
    private final Map<String, TreeMap<LocalDate, Double>> bySymbol = new HashMap<>();
    private long total;

    public TickHistory(int daysPerSymbol, long maxTicks) {
        this.daysPerSymbol = daysPerSymbol;
        this.maxTicks = maxTicks;
    }

    public synchronized void add(Tick tick) {
        TreeMap<LocalDate, Double> days = bySymbol.computeIfAbsent(tick.symbol(), k -> new TreeMap<>());
        if (days.put(tick.date(), tick.close()) == null) {
            total++;
        }
        while (days.size() > daysPerSymbol) {
            days.pollFirstEntry();
            total--;
        }
        while (total > maxTicks) {
            TreeMap<LocalDate, Double> longest = null;
            for (TreeMap<LocalDate, Double> s : bySymbol.values()) {
                if (longest == null || s.size() > longest.size()) {
                    longest = s;
                }
            }
            longest.pollFirstEntry();
            total--;
        }
    }

    /**
     * The {@code n} closes before {@code tick}, oldest first, if {@code tick} is a new day for its symbol (later
     * than every day held) and at least {@code n} days are held; else null. Call before {@link #add}.
     */
    public synchronized double[] windowBefore(Tick tick, int n) {
        TreeMap<LocalDate, Double> days = bySymbol.get(tick.symbol());
        if (days == null || days.size() < n || !tick.date().isAfter(days.lastKey())) {
            return null;
        }
        double[] w = new double[n];
        int i = n;
        for (Double close : days.descendingMap().values()) {
            if (i == 0) {
                break;
            }
            w[--i] = close;
        }
        return w;
    }

    /** The latest date held for any symbol (null if empty). */
    public synchronized LocalDate snapshotEnd() {
        LocalDate last = null;
        for (TreeMap<LocalDate, Double> days : bySymbol.values()) {
            if (!days.isEmpty() && (last == null || days.lastKey().isAfter(last))) {
                last = days.lastKey();
            }
        }
        return last;
    }

    public synchronized long size() {
        return total;
    }

    public synchronized Snapshot snapshot() {
        List<PriceSeries> series = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        for (Map.Entry<String, TreeMap<LocalDate, Double>> e : new TreeMap<>(bySymbol).entrySet()) {
            TreeMap<LocalDate, Double> days = e.getValue();
            if (days.isEmpty()) {
                continue;
            }
            series.add(new PriceSeries(e.getKey(), days.keySet().toArray(LocalDate[]::new),
                    days.values().stream().mapToDouble(Double::doubleValue).toArray()));
            from = from == null || days.firstKey().isBefore(from) ? days.firstKey() : from;
            to = to == null || days.lastKey().isAfter(to) ? days.lastKey() : to;
        }
        return new Snapshot(List.copyOf(series), total, from, to);
    }
}
