package io.tickcast.topology;

import io.tickcast.records.Forecast;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each symbol's newest forecast in the {@link ForecastTopology#LATEST_FORECASTS} store (read by
 * interactive queries) and passes the forecast on unchanged.
 */
final class LatestForecastProcessor implements FixedKeyProcessor<String, Forecast, Forecast> {

    private FixedKeyProcessorContext<String, Forecast> context;
    private KeyValueStore<String, Forecast> store;

    @Override
    public void init(FixedKeyProcessorContext<String, Forecast> context) {
        this.context = context;
        this.store = context.getStateStore(ForecastTopology.LATEST_FORECASTS);
    }

    @Override
    public void process(FixedKeyRecord<String, Forecast> record) {
        store.put(record.key(), record.value());
        context.forward(record);
    }
}
