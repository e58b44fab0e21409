package io.tickcast.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A next-day forecast (record contract). {@code asOf} is the date of the last tick in the window,
 * {@code horizon} is in trading days (always 1), {@code model} is {@code lstm} or {@code naive} and
 * {@code modelVersion} names the model that made it (0 for the naive fallback). {@code intervals} are its
 * prediction intervals, one per configured coverage level, ascending by level (an additive field: records of
 * older builds read with none, and consumers that ignore it keep working). {@code challenger} is what the newest
 * trained LSTM (the challenger) forecast for the same window, whether or not it serves this symbol (an additive
 * field: null when there is no challenger, and in records of older builds).
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
        List<Interval> intervals,
        ChallengerForecast challenger) {

    /** {@link ModelKind#LSTM}'s label: the {@code model} of a forecast the LSTM made. */
    public static final String MODEL_LSTM = "lstm";
    /** {@link ModelKind#NAIVE}'s label: the {@code model} of a naive forecast. */
    public static final String MODEL_NAIVE = "naive";

    public Forecast {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** True when {@code kind} made this forecast (false for a {@code model} label this build does not know). */
    public boolean madeBy(ModelKind kind) {
        return kind.label().equals(model);
    }

    /**
     * The challenger's own forecast next to the served one.
     *
     * @param forecastClose  the challenger's forecast close
     * @param modelVersion   the challenger's registry version
     * @param trainedThrough the newest date of the data the challenger was trained and validated on (null: not
     *                       known, e.g. a model published by an operator); a forecast whose window ends before it
     *                       is not counted as evidence (the model may have seen its target day)
     */
    public record ChallengerForecast(double forecastClose, long modelVersion, LocalDate trainedThrough) {
    }

    /** A forecast without a challenger's forecast. */
    public Forecast(String symbol, LocalDate asOf, int horizon, double lastClose, double forecastClose, String model,
                    long modelVersion, Instant producedAt, List<Interval> intervals) {
        this(symbol, asOf, horizon, lastClose, forecastClose, model, modelVersion, producedAt, intervals, null);
    }

    /** A forecast without intervals. */
    public Forecast(String symbol, LocalDate asOf, int horizon, double lastClose, double forecastClose, String model,
                    long modelVersion, Instant producedAt) {
        this(symbol, asOf, horizon, lastClose, forecastClose, model, modelVersion, producedAt, List.of(), null);
    }
}
