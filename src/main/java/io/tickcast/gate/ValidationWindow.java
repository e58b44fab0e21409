package io.tickcast.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.tickcast.records.PriceSeries;

/** One forecast to judge: a symbol's window of closes, the date of the close that follows it, and that close. */
public record ValidationWindow(String symbol, LocalDate targetDate, double[] closes, double actual) {

    public double lastClose() {
        return closes[closes.length - 1];
    }

    /** Every window of every series whose target date is after {@code cutoff} (all windows if null). */
    public static List<ValidationWindow> after(Collection<PriceSeries> series, int window, LocalDate cutoff) {
        List<ValidationWindow> out = new ArrayList<>();
        for (PriceSeries s : series) {
            for (int i = 0; i + window < s.length(); i++) {
                LocalDate target = s.dates()[i + window];
                if (cutoff == null || target.isAfter(cutoff)) {
                    out.add(new ValidationWindow(s.symbol(), target, Arrays.copyOfRange(s.closes(), i, i + window),
                            s.closes()[i + window]));
                }
            }
        }
        return out;
    }

    /** The closes of each window, for a batch forecast. */
    public static List<double[]> closes(List<ValidationWindow> windows) {
        return windows.stream().map(ValidationWindow::closes).toList();
    }
}
