package io.tickcast.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads forecasts (committed ones only: the stream writes in transactions) from all partitions of the
 * forecasts topic, without joining a consumer group.
 */
public final class ForecastReader implements AutoCloseable {

    private final KafkaConsumer<String, Forecast> consumer;

    public ForecastReader(Properties clientProperties, String topic, boolean fromBeginning) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), JsonSerde.of(Forecast.class).deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
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
