package io.tickcast.topology;

import java.time.Clock;

import java.util.List;

import io.tickcast.interval.Calibration;
import io.tickcast.interval.Interval;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.NaiveFallback;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.records.Forecast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one forecast from a full window with whatever model the {@link ModelSlot} holds now, or the naive
 * forecast (tomorrow = today) when it holds none, when the model's output is not a positive price, or when
 * the model fails, with its prediction intervals (see {@link #calibrationFor}) scaled by the symbol's volatility
 * in the window store. Owns one predictor for the current model version, so it
 * belongs to one stream thread; a new version is picked up between two forecasts.
 */
final class WindowForecaster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WindowForecaster.class);

    private final ModelSlot slot;
    private final Clock clock;
    private final StreamEvents events;
    /** The lease this forecaster's predictor runs on (released when a newer version serves, or on close). */
    private ModelSlot.Versioned leased;
    private LstmPredictor predictor;

    private final IntervalSettings intervals;

    WindowForecaster(ModelSlot slot, Clock clock, StreamEvents events, IntervalSettings intervals) {
        this.slot = slot;
        this.clock = clock;
        this.events = events;
        this.intervals = intervals;
    }

    Forecast forecast(String symbol, PriceWindow window) {
        ModelSlot.Versioned current = lease();
        long start = System.nanoTime();
        double value;
        String kind;
        long version;
        if (current == null) {
            value = window.lastClose();
            kind = Forecast.MODEL_NAIVE;
            version = 0;
        } else {
            value = modelForecast(current, symbol, window);
            kind = Forecast.MODEL_LSTM;
            version = current.version();
            if (!Double.isFinite(value) || value <= 0) {
                LOG.warn("model v{} forecast {} for {} as of {}, which is no price; publishing the naive forecast",
                        version, value, symbol, window.newestDate());
                value = window.lastClose();
                kind = Forecast.MODEL_NAIVE;
                version = 0;
            }
        }
        events.forecastMade(kind, version, System.nanoTime() - start);
        Calibration calibration = calibrationFor(kind, current);
        List<Interval> bands = calibration.intervals(value, window.volatility(intervals.halfLife()).sigma(),
                window.widen(calibration.quantiles().size()));
        return new Forecast(symbol, window.newestDate(), 1, window.lastClose(), value, kind, version, clock.instant(),
                bands);
    }

    /**
     * The model's own calibration for its forecasts; the naive forecast's (from the newest model record, or the
     * {@link NaiveFallback}) for naive forecasts, and for a model whose record carries none (forced).
     */
    private Calibration calibrationFor(String kind, ModelSlot.Versioned current) {
        if (Forecast.MODEL_LSTM.equals(kind) && current.calibration() != null) {
            return current.calibration();
        }
        Calibration naive = slot.naiveCalibration();
        return naive != null ? naive : NaiveFallback.calibration(intervals);
    }

    /**
     * The model's forecast, or NaN if inference fails: a failing model must not fail the stream thread (it
     * would be replaced and fail again on the same tick, for ever); the caller then falls back to naive.
     */
    private double modelForecast(ModelSlot.Versioned current, String symbol, PriceWindow window) {
        try {
            return predictorFor(current).forecast(window.closesArray());
        } catch (RuntimeException e) {
            LOG.error("model v{} failed to forecast {} as of {}: {}", current.version(), symbol, window.newestDate(),
                    e.toString());
            close(); // a fresh predictor next time
            events.inferenceFailed();
            return Double.NaN;
        }
    }

    /** A lease on the model in service (kept while the version stays), or null when naive serves. */
    private ModelSlot.Versioned lease() {
        ModelSlot.Versioned serving = slot.current();
        if (serving != leased) {
            close();
            leased = serving == null ? null : slot.acquire();
        }
        return leased;
    }

    private LstmPredictor predictorFor(ModelSlot.Versioned current) {
        if (predictor == null) {
            predictor = current.model().newPredictor();
        }
        return predictor;
    }

    /** Closes the predictor and lets go of the lease, so a replaced model can be freed. */
    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
            predictor = null;
        }
        if (leased != null) {
            leased.release();
            leased = null;
        }
    }
}
