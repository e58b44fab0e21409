package io.tickcast.topology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.tickcast.records.Tick;

/**
 * The last closes of one symbol with their dates, oldest first: the value of the window store.
 * Immutable; {@link #apply} returns the next window.
 */
public record PriceWindow(List<LocalDate> dates, List<Double> closes) {

    /** What a tick did to a window. */
    public enum Outcome { APPENDED, CORRECTED, OUT_OF_ORDER }

    /** The window after a tick, and what the tick was. For OUT_OF_ORDER the window is unchanged. */
    public record Update(Outcome outcome, PriceWindow window) {
    }

    public PriceWindow {
        if (dates.size() != closes.size()) {
            throw new IllegalArgumentException("dates and closes differ in length");
        }
        dates = List.copyOf(dates);
        closes = List.copyOf(closes);
    }

    public static PriceWindow empty() {
        return new PriceWindow(List.of(), List.of());
    }

    /**
     * A tick for a date already in the window replaces that day's close (a correction); a tick older than
     * the newest date otherwise is out of order; a newer tick is appended and the oldest day dropped
     * beyond {@code capacity}.
     */
    public Update apply(Tick tick, int capacity) {
        int existing = dates.indexOf(tick.date());
        if (existing >= 0) {
            List<Double> c = new ArrayList<>(closes);
            c.set(existing, tick.close());
            return new Update(Outcome.CORRECTED, new PriceWindow(dates, c));
        }
        if (!dates.isEmpty() && tick.date().isBefore(newestDate())) {
            return new Update(Outcome.OUT_OF_ORDER, this);
        }
        List<LocalDate> d = new ArrayList<>(dates);
        List<Double> c = new ArrayList<>(closes);
        d.add(tick.date());
        c.add(tick.close());
        while (d.size() > capacity) {
            d.remove(0);
            c.remove(0);
        }
        return new Update(Outcome.APPENDED, new PriceWindow(d, c));
    }

    public int size() {
        return dates.size();
    }

    public LocalDate newestDate() {
        return dates.get(dates.size() - 1);
    }

    public double lastClose() {
        return closes.get(closes.size() - 1);
    }

    public double[] closesArray() {
        return closes.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
