package io.tickcast.client;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import io.tickcast.kafka.ClientSettings;
import io.tickcast.records.Json;
import io.tickcast.records.Tick;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Publishes ticks as JSON keyed by symbol, in the order given, optionally paced to a rate. */
public final class TickPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public TickPublisher(Properties clientProperties, String topic) {
        Properties p = ClientSettings.durableProducer(clientProperties);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /**
     * Sends every tick and waits until all are acknowledged.
     *
     * @param ratePerSecond ticks per second, or 0 for as fast as possible
     * @param progress      called with the number of ticks sent so far
     */
    public void publish(List<Tick> ticks, double ratePerSecond, LongConsumer progress) {
        long start = System.nanoTime();
        Future<RecordMetadata> last = null;
        for (int i = 0; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            if (ratePerSecond > 0) {
                pace(start, i, ratePerSecond);
            }
            last = producer.send(new ProducerRecord<>(topic, t.symbol(), toJson(t)));
            progress.accept(i + 1);
        }
        producer.flush();
        if (last != null) {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Sends one raw value (any bytes) with the given key; for tests and tools. */
    public void publishRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
        producer.flush();
    }

    static byte[] toJson(Tick t) {
        try {
            return Json.MAPPER.writeValueAsBytes(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pace(long startNanos, int sent, double ratePerSecond) {
        long due = startNanos + (long) (sent / ratePerSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
