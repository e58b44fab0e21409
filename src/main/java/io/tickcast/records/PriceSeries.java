package io.tickcast.records;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One symbol's closes with their dates, oldest first. Training and validation splits cut every series at the
 * same date, so no training target is later than any validation target, whatever the series' lengths.
 */
public record PriceSeries(String symbol, LocalDate[] dates, double[] closes) {

    /** The day undated series are taken to end on: undated series are aligned at their ends. */
    public static final LocalDate UNDATED_END = LocalDate.of(2000, 1, 1);

    public PriceSeries {
        if (dates.length != closes.length) {
            throw new IllegalArgumentException(symbol + ": " + dates.length + " dates for " + closes.length + " closes");
        }
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                throw new IllegalArgumentException(symbol + ": dates must be strictly increasing, " + dates[i]
                        + " follows " + dates[i - 1]);
            }
        }
    }

    /**
     * A series without dates (tests, tools): its closes are given consecutive days ending on one fixed day, so
     * several undated series are aligned at their ends, as if they had all been read up to the same day.
     */
    public static PriceSeries undated(String symbol, double[] closes) {
        LocalDate[] dates = new LocalDate[closes.length];
        for (int i = 0; i < closes.length; i++) {
            dates[i] = UNDATED_END.minusDays(closes.length - 1L - i);
        }
        return new PriceSeries(symbol, dates, closes);
    }

    /** Undated series named s0, s1, ...: see {@link #undated(String, double[])}. */
    public static List<PriceSeries> undated(Collection<double[]> series) {
        List<PriceSeries> out = new ArrayList<>();
        int i = 0;
        for (double[] closes : series) {
            out.add(undated("s" + i++, closes));
        }
        return out;
    }

    /** The closes up to and including {@code cutoff} (null: all). */
    public PriceSeries until(LocalDate cutoff) {
        if (cutoff == null) {
            return this;
        }
        int n = 0;
        while (n < dates.length && !dates[n].isAfter(cutoff)) {
            n++;
        }
        return new PriceSeries(symbol, java.util.Arrays.copyOf(dates, n), java.util.Arrays.copyOf(closes, n));
    }

    /** Windows (input of {@code window} closes and a target) this series holds. */
    public int windows(int window) {
        return Math.max(0, closes.length - window);
    }

    /** The closes of several series, for methods that need no dates. */
    public static List<double[]> closesOf(Collection<PriceSeries> series) {
        return series.stream().map(PriceSeries::closes).toList();
    }

    public int length() {
        return closes.length;
    }

    public LocalDate first() {
        return dates[0];
    }

    public LocalDate last() {
        return dates[dates.length - 1];
    }
}
