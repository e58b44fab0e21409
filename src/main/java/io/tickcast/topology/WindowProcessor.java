package io.tickcast.topology;

import java.time.Clock;

import java.util.List;

import io.tickcast.interval.AdaptiveWidth;
import io.tickcast.interval.Interval;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.quality.ScoredForecast;
import io.tickcast.records.Forecast;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.RejectReason;
import io.tickcast.records.Tick;
import io.tickcast.records.TickParser;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each tick (keyed by symbol) to that symbol's window in the store and, once the window is full,
 * emits one forecast per accepted tick. Out-of-order ticks become dead letters and leave the window as is.
 * Each symbol's newest forecast is kept in the latest-forecasts store, where the symbol's next tick scores it
 * against the actual close.
 */
final class WindowProcessor implements Processor<String, byte[], String, WindowResult> {

    private final int windowSize;
    private final ModelSlot slot;
    private final Clock clock;
    private final StreamEvents events;
    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<String, PriceWindow> store;
    private KeyValueStore<String, Forecast> latest;
    private WindowForecaster forecaster;

    private final IntervalSettings intervals;
    private final AdaptiveWidth adaptive;

    WindowProcessor(int windowSize, ModelSlot slot, Clock clock, StreamEvents events, IntervalSettings intervals) {
        this.windowSize = windowSize;
        this.intervals = intervals;
        this.adaptive = intervals.adaptive();
        this.slot = slot;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, WindowResult> context) {
        this.context = context;
        this.store = context.getStateStore(ForecastTopology.WINDOW_STORE);
        this.latest = context.getStateStore(ForecastTopology.LATEST_FORECASTS);
        this.forecaster = new WindowForecaster(slot, clock, events, intervals);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ParsedTick parsed = TickParser.parse(record.value());
        if (!parsed.isValid()) { // cannot happen after validation upstream, but never crash on input
            context.forward(record.withValue(WindowResult.of(new DeadLetter(record.value(), parsed.reason(), parsed.detail()))));
            return;
        }
        Tick tick = parsed.tick();
        PriceWindow before = store.get(tick.symbol());
        PriceWindow.Update update = (before == null ? PriceWindow.empty() : before).apply(tick, windowSize, intervals.halfLife());
        if (update.outcome() == PriceWindow.Outcome.OUT_OF_ORDER) {
            String detail = "date " + tick.date() + " is older than the newest date " + before.newestDate()
                    + " in the window of " + tick.symbol() + " and not a correction of a date in it";
            context.forward(record.withValue(WindowResult.of(new DeadLetter(record.value(), RejectReason.OUT_OF_ORDER, detail))));
            return;
        }
        PriceWindow window = scorePending(tick, update.window());
        Forecast forecast = window.size() == windowSize ? forecaster.forecast(tick.symbol(), window) : null;
        // the stores change last: a tick whose processing throws before here leaves them as they were (it is
        // dead-lettered by PoisonRecordHandler and the stream goes on)
        store.put(tick.symbol(), window);
        events.tickAccepted(update.outcome());
        if (forecast != null) {
            latest.put(tick.symbol(), forecast);
            context.forward(record.withValue(WindowResult.of(forecast)));
        }
    }

    /**
     * The first tick after a forecast's as-of date is the actual close of its target day: score the symbol's
     * newest forecast (it survives restarts in the store), and correct the symbol's interval widths by whether
     * each of its intervals covered ({@link AdaptiveWidth}). The tick's own forecast then replaces it, so no
     * forecast is scored twice. Returns {@code window} with the corrected widths.
     */
    private PriceWindow scorePending(Tick tick, PriceWindow window) {
        Forecast waiting = latest.get(tick.symbol());
        if (waiting == null || !tick.date().isAfter(waiting.asOf())) {
            return window;
        }
        events.forecastScored(ScoredForecast.of(waiting, tick.close()));
        List<Interval> bands = waiting.intervals();
        if (bands == null || bands.isEmpty() || adaptive.rate() == 0) {
            return window;
        }
        return window.withWiden(adaptive.after(window.widen(bands.size()), bands, tick.close()));
    }

    @Override
    public void close() {
        if (forecaster != null) {
            forecaster.close();
        }
    }
}
