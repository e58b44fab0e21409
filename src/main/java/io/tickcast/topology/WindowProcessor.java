package io.tickcast.topology;

import java.time.Clock;
import java.util.List;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.interval.AdaptiveWidth;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.RejectReason;
import io.tickcast.records.Tick;
import io.tickcast.records.TickParser;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each tick (keyed by symbol) to that symbol's window in the store and, once the window is full,
 * emits one forecast per accepted tick. Out-of-order ticks become dead letters and leave the window as is.
 * Each symbol's newest forecast is kept in the latest-forecasts store, where the symbol's next tick scores it
 * against the actual close.
 *
 * <p>Forecasts are made in batches ({@link TickcastConfig.Batching}): a tick whose window is full is marked pending
 * ({@link PendingForecasts}, changelogged with the window), and the pending windows are forecast in one model call
 * when {@code max-size} of them wait, when {@code max-delay} has passed (a wall-clock punctuation), or when a pending
 * symbol's next tick arrives (first, so that tick scores the forecast before it and each symbol's forecasts go out
 * one per tick, in tick order). A restarted task forecasts what its restored store still holds pending.
 */
final class WindowProcessor implements Processor<String, byte[], String, WindowResult> {

    /** The processor's name in the topology (named in dead letters' details). */
    static final String PROCESSOR_NAME = "window";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WindowProcessor.class);

    private final int windowSize;
    private final ModelSlot slot;
    private final Clock clock;
    private final StreamEvents events;
    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<String, PriceWindow> store;
    private KeyValueStore<String, Forecast> latest;
    private WindowForecaster forecaster;
    private PendingForecasts pending;
    private EvidenceKeeper evidence;
    private final TickcastConfig.Batching batching;
    private final TickcastConfig.LiveEvidence evidenceSettings;

    private final IntervalSettings intervals;
    private final AdaptiveWidth adaptive;

    WindowProcessor(int windowSize, ModelSlot slot, Clock clock, StreamEvents events, IntervalSettings intervals,
                    TickcastConfig.Batching batching, TickcastConfig.LiveEvidence evidenceSettings) {
        this.windowSize = windowSize;
        this.batching = batching;
        this.evidenceSettings = evidenceSettings;
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
        this.pending = new PendingForecasts(context.getStateStore(ForecastTopology.PENDING_FORECASTS), store::get);
        this.evidence = new EvidenceKeeper(context.getStateStore(ForecastTopology.SYMBOL_EVIDENCE), evidenceSettings,
                slot, events);
        // also without batching: forecasts a restored task's pending ticks without waiting for a new tick
        context.schedule(batching.maxDelay(), PunctuationType.WALL_CLOCK_TIME, now -> forecastPending());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ParsedTick parsed = TickParser.parse(record.value());
        if (!parsed.isValid()) { // cannot happen after validation upstream, but never crash on input
            context.forward(record.withValue(WindowResult.of(new DeadLetter(record.value(), parsed.reason(), parsed.detail()))));
            return;
        }
        Tick tick = parsed.tick();
        if (pending.contains(tick.symbol())) {
            forecastPending(); // the symbol's previous tick first: this one scores its forecast
        }
        PriceWindow before = store.get(tick.symbol());
        PriceWindow.Update update = (before == null ? PriceWindow.empty() : before).apply(tick, windowSize, intervals.halfLife());
        if (update.outcome() == PriceWindow.Outcome.OUT_OF_ORDER) {
            String detail = "date " + tick.date() + " is older than the newest date " + before.newestDate()
                    + " in the window of " + tick.symbol() + " and not a correction of a date in it";
            context.forward(record.withValue(WindowResult.of(new DeadLetter(record.value(), RejectReason.OUT_OF_ORDER, detail))));
            return;
        }
        PriceWindow window = scorePending(tick, before, update.window());
        // the stores change last: a tick whose processing throws before here leaves them as they were (it is
        // dead-lettered by PoisonRecordHandler and the stream goes on)
        store.put(tick.symbol(), window);
        events.tickAccepted(update.outcome());
        if (window.size() == windowSize) {
            pending.add(tick.symbol(), window, record.timestamp(), record.headers(), record.value());
            if (pending.size() >= batching.maxSize()) {
                forecastPending();
            }
        }
    }

    /**
     * Forecasts every pending window in one model call and sends the forecasts in the order their ticks came. Each
     * forecast replaces its symbol's entry in the latest-forecasts store and clears its pending mark in the same
     * transaction.
     *
     * <p>Should forecasting the batch throw (a bug, or data no rule foresaw; a failing model does not throw, it
     * falls back to naive), each window is forecast on its own, and a tick whose forecast still throws is
     * dead-lettered as {@code processing-error}, as {@link PoisonRecordHandler} does with a tick whose processing
     * throws: the stream goes on, and no other tick pays for it (the exception would otherwise surface in whichever
     * tick's processing happened to send the batch, and the bad window would stay pending and fail every batch after).
     */
    private void forecastPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingForecasts.Waiting> waiting = pending.inOrder();
        List<String> symbols = waiting.stream().map(PendingForecasts.Waiting::symbol).toList();
        List<PriceWindow> windows = waiting.stream().map(PendingForecasts.Waiting::window).toList();
        List<Forecast> forecasts = null;
        try {
            forecasts = forecaster.forecastAll(symbols, windows, evidence);
        } catch (StreamsException e) {
            throw e; // Kafka Streams failing, not the data: the stream thread fails (see PoisonRecordHandler)
        } catch (RuntimeException e) {
            LOG.error("forecasting a batch of {} window(s) threw; forecasting each on its own", windows.size(), e);
        }
        for (int i = 0; i < waiting.size(); i++) {
            String symbol = symbols.get(i);
            PendingForecast tick = waiting.get(i).mark();
            WindowResult result;
            try {
                Forecast forecast = forecasts != null ? forecasts.get(i) : forecaster.forecast(symbol, windows.get(i), evidence);
                latest.put(symbol, forecast);
                result = WindowResult.of(forecast);
            } catch (StreamsException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("forecasting {}'s window as of its tick threw; the tick goes to the dead-letter topic as {} and "
                        + "the stream goes on", symbol, RejectReason.PROCESSING_ERROR.code(), e);
                result = WindowResult.of(new DeadLetter(tick.tick(), RejectReason.PROCESSING_ERROR,
                        PoisonRecordHandler.detail(PROCESSOR_NAME, e)));
            }
            context.forward(new Record<>(symbol, result, tick.timestamp(), tick.recordHeaders()));
            pending.done(symbol);
        }
    }

    /**
     * The first tick after a forecast's as-of date is the actual close of its target day: score the symbol's
     * newest forecast (it survives restarts in the store), and correct the symbol's interval widths by whether
     * each of its intervals covered ({@link AdaptiveWidth}). The tick's own forecast then replaces it, so no
     * forecast is scored twice. The challenger's forecast in it is scored into the symbol's evidence, with the
     * volatility of {@code before}, the window it was made from. Returns {@code window} with the corrected widths.
     */
    private PriceWindow scorePending(Tick tick, PriceWindow before, PriceWindow window) {
        Forecast waiting = latest.get(tick.symbol());
        if (waiting == null || !tick.date().isAfter(waiting.asOf())) {
            return window;
        }
        events.forecastScored(ScoredForecast.of(waiting, tick.close()));
        if (before != null) {
            evidence.score(waiting, tick.date(), tick.close(), before.volatility(intervals.halfLife()).sigma());
        }
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
