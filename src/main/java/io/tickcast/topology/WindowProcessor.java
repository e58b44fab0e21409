package io.tickcast.topology;

import java.time.Clock;

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
 */
final class WindowProcessor implements Processor<String, byte[], String, WindowResult> {

    private final int windowSize;
    private final ModelSlot slot;
    private final Clock clock;
    private final StreamEvents events;
    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<String, PriceWindow> store;
    private WindowForecaster forecaster;

    WindowProcessor(int windowSize, ModelSlot slot, Clock clock, StreamEvents events) {
        this.windowSize = windowSize;
        this.slot = slot;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, WindowResult> context) {
        this.context = context;
        this.store = context.getStateStore(ForecastTopology.WINDOW_STORE);
        this.forecaster = new WindowForecaster(slot, clock, events);
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
        PriceWindow.Update update = (before == null ? PriceWindow.empty() : before).apply(tick, windowSize);
        if (update.outcome() == PriceWindow.Outcome.OUT_OF_ORDER) {
            String detail = "date " + tick.date() + " is older than the newest date " + before.newestDate()
                    + " in the window of " + tick.symbol() + " and not a correction of a date in it";
            context.forward(record.withValue(WindowResult.of(new DeadLetter(record.value(), RejectReason.OUT_OF_ORDER, detail))));
            return;
        }
        store.put(tick.symbol(), update.window());
        events.tickAccepted(update.outcome());
        if (update.window().size() == windowSize) {
            context.forward(record.withValue(WindowResult.of(forecaster.forecast(tick.symbol(), update.window()))));
        }
    }

    @Override
    public void close() {
        if (forecaster != null) {
            forecaster.close();
        }
    }
}
