package io.tickcast.client;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

import io.tickcast.kafka.ClientSettings;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads forecasts (committed ones only: the stream writes in transactions) from all partitions of the
 * forecasts topic, without joining a consumer group.
 */
public final class ForecastReader implements AutoCloseable {

    private final KafkaConsumer<String, Forecast> consumer;

    public ForecastReader(Properties clientProperties, String topic, boolean fromBeginning) {
        this.consumer = new KafkaConsumer<>(ClientSettings.groupFreeReader(clientProperties), new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer());
        ClientSettings.assignAll(consumer, topic, fromBeginning);
    }

    /** Polls once and hands every forecast read to {@code sink}; returns how many there were. */
    public int poll(Duration timeout, Consumer<Forecast> sink) {
        int n = 0;
        for (ConsumerRecord<String, Forecast> r : consumer.poll(timeout)) {
            sink.accept(r.value());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
