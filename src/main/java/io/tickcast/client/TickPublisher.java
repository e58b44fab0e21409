package io.tickcast.client;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.LongConsumer;

import io.tickcast.kafka.ClientSettings;
import io.tickcast.records.Json;
import io.tickcast.records.Tick;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Publishes ticks as JSON keyed by symbol, in the order given, optionally paced to a rate. The producer is
 * idempotent with acks from all in-sync replicas, so a retried send is never written twice; every send's outcome
 * is checked, and the first that fails stops publishing with the number of ticks known to be published. A broker
 * restart or leader move shorter than {@code delivery.timeout.ms} is ridden through: sends wait for the cluster (for
 * metadata, too) as long as that.
 */
public final class TickPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    /**
     * @param clientProperties Kafka client settings; {@code delivery.timeout.ms} in them bounds how long one tick
     *                         may wait for its acknowledgement (see {@link ClientSettings#bounded})
     */
    public TickPublisher(Properties clientProperties, String topic) {
        Properties p = ClientSettings.durableProducer(clientProperties);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // the cluster was there when publishing started (the caller checked it within client.timeout): from now on a
        // send that waits for metadata (a broker restart, a leader move) may wait as long as a tick may wait for its
        // acknowledgement, instead of failing after client.timeout while the cluster comes back
        Object delivery = p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        if (delivery != null) {
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        }
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /**
     * Sends every tick and returns once the cluster has acknowledged all of them. If one is not acknowledged
     * (its delivery timeout ran out, or the cluster refused it), stops sending, abandons what is still in
     * flight, closes the producer and throws.
     *
     * @param ratePerSecond ticks per second, or 0 for as fast as possible
     * @param progress      called with the number of ticks acknowledged so far, from the first on
     * @throws PublishFailedException with how many ticks, from the first on, are published
     */
    public void publish(List<Tick> ticks, double ratePerSecond, LongConsumer progress) {
        DeliveryLedger ledger = new DeliveryLedger();
        long start = System.nanoTime();
        for (int i = 0; i < ticks.size() && !ledger.hasFailed(); i++) {
            Tick t = ticks.get(i);
            if (ratePerSecond > 0) {
                pace(start, i, ratePerSecond);
            }
            send(i, t, ledger);
            progress.accept(ledger.acknowledgedPrefix());
        }
        if (!ledger.hasFailed()) {
            producer.flush();
        }
        if (ledger.hasFailed()) {
            producer.close(Duration.ZERO);   // abandons the records still in flight: their outcome stays unknown
            throw failed(ticks, ledger);
        }
        progress.accept(ledger.acknowledgedPrefix());
    }

    private void send(int index, Tick t, DeliveryLedger ledger) {
        try {
            producer.send(new ProducerRecord<>(topic, t.symbol(), toJson(t)), (metadata, e) -> {
                if (e == null) {
                    ledger.acknowledged(index);
                } else {
                    ledger.failed(e);
                }
            });
        } catch (KafkaException e) {   // e.g. no room in the buffer within max.block.ms
            ledger.failed(e);
        }
    }

    private PublishFailedException failed(List<Tick> ticks, DeliveryLedger ledger) {
        int published = ledger.acknowledgedPrefix();
        Tick next = ticks.get(published);
        String message = String.format(Locale.ROOT, "the cluster did not acknowledge tick %d of %d (%s %s) on %s; first error: %s",
                published + 1, ticks.size(), next.symbol(), next.date(), topic, ledger.failure().getMessage());
        return new PublishFailedException(message, published, ledger.acknowledgedCount() - published, ticks.size(),
                ledger.failure());
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
