package io.tickcast.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A next-day forecast (record contract). {@code asOf} is the date of the last tick in the window,
 * {@code horizon} is in trading days (always 1), {@code model} is {@code lstm} or {@code naive} and
 * {@code modelVersion} names the model that made it (0 for the naive fallback). {@code intervals} are its
 * prediction intervals, one per configured coverage level, ascending by level (an additive field: records of
 * older builds read with none, and consumers that ignore it keep working).
 */
public record Forecast(
        String symbol,
        LocalDate asOf,
        int horizon,
        double lastClose,
        double forecastClose,
        String model,
        long modelVersion,
        Instant producedAt,
        List<Interval> intervals) {

    public static final String MODEL_LSTM = "lstm";
    public static final String MODEL_NAIVE = "naive";

    public Forecast {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** A forecast without intervals. */
    public Forecast(String symbol, LocalDate asOf, int horizon, double lastClose, double forecastClose, String model,
                    long modelVersion, Instant producedAt) {
        this(symbol, asOf, horizon, lastClose, forecastClose, model, modelVersion, producedAt, List.of());
    }
}
