package io.tickcast.records;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A next-day forecast (record contract). {@code asOf} is the date of the last tick in the window,
 * {@code horizon} is in trading days (always 1), {@code model} is {@code lstm} or {@code naive} and
 * {@code modelVersion} names the model that made it (0 for the naive fallback).
 */
public record Forecast(
        String symbol,
        LocalDate asOf,
        int horizon,
        double lastClose,
        double forecastClose,
        String model,
        long modelVersion,
        Instant producedAt) {

    public static final String MODEL_LSTM = "lstm";
    public static final String MODEL_NAIVE = "naive";
}
