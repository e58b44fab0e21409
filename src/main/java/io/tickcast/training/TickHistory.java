package io.tickcast.training;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.records.Tick;

/**
 * The trainer's bounded memory of closes: at most {@code daysPerSymbol} most recent days per symbol and
 * {@code maxTicks} over all symbols (beyond that, the oldest day of the longest series goes first).
 * A tick for a date already held replaces it. Thread-safe.
 */
public final class TickHistory {

    /** An immutable copy of the history: each symbol's closes in date order. */
    public record Snapshot(Map<String, double[]> series, long ticks, LocalDate from, LocalDate to) {
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

    public synchronized long size() {
        return total;
    }

    public synchronized Snapshot snapshot() {
        Map<String, double[]> series = new TreeMap<>();
        LocalDate from = null;
        LocalDate to = null;
        for (Map.Entry<String, TreeMap<LocalDate, Double>> e : bySymbol.entrySet()) {
            TreeMap<LocalDate, Double> days = e.getValue();
            if (days.isEmpty()) {
                continue;
            }
            series.put(e.getKey(), days.values().stream().mapToDouble(Double::doubleValue).toArray());
            from = from == null || days.firstKey().isBefore(from) ? days.firstKey() : from;
            to = to == null || days.lastKey().isAfter(to) ? days.lastKey() : to;
        }
        return new Snapshot(series, total, from, to);
    }
}
