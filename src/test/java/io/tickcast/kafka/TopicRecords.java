package io.tickcast.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a topic from the beginning in tests: committed records only, outside any consumer group. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Reads until {@code expected} records arrived or {@code timeout} passed, then polls once more for
     * {@code settle}, so a test can also see that nothing beyond the expected records arrives.
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Properties client, String topic, Deserializer<K> keys,
                                                         Deserializer<V> values, int expected, Duration timeout,
                                                         Duration settle) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> c = new KafkaConsumer<>(ClientSettings.groupFreeReader(client), keys, values)) {
            ClientSettings.assignAll(c, topic, true);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            if (!settle.isZero()) {
                c.poll(settle).forEach(out::add);
            }
        }
        return out;
    }
}
