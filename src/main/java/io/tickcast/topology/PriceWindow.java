package io.tickcast.topology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.tickcast.interval.Volatility;
import io.tickcast.records.Tick;

/**
 * The last closes of one symbol with their dates, oldest first: the value of the window store.
 * Immutable; {@link #apply} returns the next window.
 *
 * <p>{@code before} is the symbol's EWMA volatility of the daily log returns up to the window's oldest close
 * (the returns of closes that have left the window); the returns inside the window are folded in on top of it
 * when the volatility is asked for ({@link #volatility(double)}), so a correction of any close in the window
 * changes the volatility exactly as if the corrected close had come first. Values stored by builds without it
 * read with {@code before} null: the volatility then starts from the returns in the window.
 *
 * <p>{@code widen} holds the symbol's online interval-width corrections, one log factor per coverage level in
 * level order ({@link io.tickcast.interval.AdaptiveWidth}), updated when a forecast is scored; null (values from
 * builds without it, or a symbol not scored yet) means none.
 */
public record PriceWindow(List<LocalDate> dates, List<Double> closes, Volatility before, List<Double> widen) {

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
        widen = widen == null ? null : List.copyOf(widen);
    }

    public PriceWindow(List<LocalDate> dates, List<Double> closes, Volatility before) {
        this(dates, closes, before, null);
    }

    public PriceWindow(List<LocalDate> dates, List<Double> closes) {
        this(dates, closes, null, null);
    }

    /** This window with other width corrections. */
    public PriceWindow withWiden(double[] corrections) {
        return new PriceWindow(dates, closes, before, java.util.Arrays.stream(corrections).boxed().toList());
    }

    /** The width corrections for {@code levels} levels: none (zeros) if there are none or they are for other levels. */
    public double[] widen(int levels) {
        double[] out = new double[levels];
        if (widen != null && widen.size() == levels) {
            for (int l = 0; l < levels; l++) {
                out[l] = widen.get(l);
            }
        }
        return out;
    }

    public static PriceWindow empty() {
        return new PriceWindow(List.of(), List.of(), Volatility.NONE);
    }

    /** {@link #apply(Tick, int, double)} with the default volatility half-life. */
    public Update apply(Tick tick, int capacity) {
        return apply(tick, capacity, io.tickcast.interval.IntervalSettings.DEFAULT.halfLife());
    }

    /**
     * A tick for a date already in the window replaces that day's close (a correction); a tick older than
     * the newest date otherwise is out of order; a newer tick is appended and the oldest day dropped
     * beyond {@code capacity}, its return folded into {@code before} with {@code halfLife}.
     */
    public Update apply(Tick tick, int capacity, double halfLife) {
        int existing = dates.indexOf(tick.date());
        if (existing >= 0) {
            List<Double> c = new ArrayList<>(closes);
            c.set(existing, tick.close());
            return new Update(Outcome.CORRECTED, new PriceWindow(dates, c, before, widen));
        }
        if (!dates.isEmpty() && tick.date().isBefore(newestDate())) {
            return new Update(Outcome.OUT_OF_ORDER, this);
        }
        List<LocalDate> d = new ArrayList<>(dates);
        List<Double> c = new ArrayList<>(closes);
        d.add(tick.date());
        c.add(tick.close());
        Volatility base = before == null ? Volatility.NONE : before;
        while (d.size() > capacity) {
            d.remove(0);
            double dropped = c.remove(0);
            base = base.next(dropped, c.get(0), halfLife);
        }
        return new Update(Outcome.APPENDED, new PriceWindow(d, c, base, widen));
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

    /** The symbol's EWMA volatility of daily log returns up to the newest close (see the class comment). */
    public Volatility volatility(double halfLife) {
        Volatility v = before == null ? Volatility.NONE : before;
        for (int i = 1; i < closes.size(); i++) {
            v = v.next(closes.get(i - 1), closes.get(i), halfLife);
        }
        return v;
    }
}
