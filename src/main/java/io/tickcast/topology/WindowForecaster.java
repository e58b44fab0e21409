package io.tickcast.topology;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.tickcast.interval.Calibration;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.NaiveFallback;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;
import io.tickcast.records.ModelKind;
import io.tickcast.serving.ModelSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one forecast from a full window: the model the {@link ModelSlot} holds now (the challenger) forecasts it,
 * and its forecast is served where the symbol's evidence says so; the naive forecast (tomorrow = today) is served
 * elsewhere, when the slot holds no model, when the model's output is not a positive price, or when the model fails, with its prediction intervals (see {@link #calibrationFor}) scaled by the symbol's volatility
 * in the window store. Many windows go through one model call ({@link #forecastAll}). Owns one predictor for the current model version, so it
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

    /** Decides, per symbol, whether the challenger's forecast is served (else naive's is). */
    interface ServingChoice {
        /** Everything with the challenger: it serves where its terms or its installer say. */
        ServingChoice CHALLENGER_TERMS = (symbol, challenger) -> challenger.terms().servesEverywhere();

        boolean lstmServes(String symbol, ModelSlot.Versioned challenger);
    }

    Forecast forecast(String symbol, PriceWindow window, ServingChoice choice) {
        return forecastAll(List.of(symbol), List.of(window), choice).get(0);
    }

    /**
     * One forecast per window, in order, from one model call for all of them: the challenger (the model in the slot)
     * forecasts every window, and its forecast is carried by every forecast record; it is served where
     * {@code choice} says so, the naive forecast elsewhere. A window whose challenger output is no price gets the
     * naive forecast and no challenger's forecast; all of them when the call fails.
     */
    List<Forecast> forecastAll(List<String> symbols, List<PriceWindow> windows, ServingChoice choice) {
        ModelSlot.Versioned current = lease();
        long start = System.nanoTime();
        double[] values = current == null ? null : modelForecasts(current, symbols, windows); // null: naive for all
        long perWindow = (System.nanoTime() - start) / Math.max(1, windows.size());
        if (values != null) {
            events.modelCalled(windows.size());
        }
        List<Forecast> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            PriceWindow window = windows.get(i);
            double value = window.lastClose();
            ModelKind kind = ModelKind.NAIVE;
            long version = 0;
            Forecast.ChallengerForecast challenger = null;
            if (values != null) {
                if (Double.isFinite(values[i]) && values[i] > 0) {
                    challenger = new Forecast.ChallengerForecast(values[i], current.version(),
                            current.terms().trainedThrough());
                    if (choice.lstmServes(symbols.get(i), current)) {
                        value = values[i];
                        kind = ModelKind.LSTM;
                        version = current.version();
                    }
                } else {
                    LOG.warn("model v{} forecast {} for {} as of {}, which is no price; publishing the naive forecast",
                            current.version(), values[i], symbols.get(i), window.newestDate());
                }
            }
            events.forecastMade(kind, version, perWindow);
            Calibration calibration = calibrationFor(kind, current);
            List<Interval> bands = calibration.intervals(value, window.volatility(intervals.halfLife()).sigma(),
                    window.widen(calibration.quantiles().size()));
            out.add(new Forecast(symbols.get(i), window.newestDate(), 1, window.lastClose(), value, kind.label(), version,
                    clock.instant(), bands, challenger));
        }
        return out;
    }

    /**
     * The model's own calibration for its forecasts; the naive forecast's (from the newest model record, or the
     * {@link NaiveFallback}) for naive forecasts, and for a model whose record carries none (forced).
     */
    private Calibration calibrationFor(ModelKind kind, ModelSlot.Versioned current) {
        if (kind == ModelKind.LSTM && current.calibration() != null) {
            return current.calibration();
        }
        Calibration naive = slot.naiveCalibration();
        return naive != null ? naive : NaiveFallback.calibration(intervals);
    }

    /**
     * The model's forecasts, or null if inference fails: a failing model must not fail the stream thread (it
     * would be replaced and fail again on the same ticks, for ever); the caller then falls back to naive.
     */
    private double[] modelForecasts(ModelSlot.Versioned current, List<String> symbols, List<PriceWindow> windows) {
        List<double[]> closes = new ArrayList<>(windows.size());
        windows.forEach(w -> closes.add(w.closesArray()));
        try {
            return predictorFor(current).forecastAll(closes);
        } catch (RuntimeException e) {
            LOG.error("model v{} failed to forecast {} window(s) ({} as of {}{}): {}", current.version(), windows.size(),
                    symbols.get(0), windows.get(0).newestDate(), windows.size() > 1 ? ", ..." : "", e.toString());
            close(); // a fresh predictor next time
            events.inferenceFailed();
            return null;
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
