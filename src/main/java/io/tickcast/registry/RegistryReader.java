package io.tickcast.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.tickcast.kafka.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the whole model registry once, oldest first: for listing and rolling back. */
public final class RegistryReader {

    /** One registry record: decoded, or the reason it cannot be used. */
    public record Entry(long offset, String key, ModelRecord record, String error) {
    }

    private RegistryReader() {
    }

    public static List<Entry> readAll(Properties clientProperties, String topic) {
        Properties p = ClientSettings.groupFreeReader(clientProperties);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = ClientSettings.assignAll(c, topic, true);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (!ClientSettings.reached(c, end)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        entries.add(new Entry(r.offset(), r.key(), ModelRecordCodec.decode(r.value()), null));
                    } catch (ModelRecordCodec.InvalidRecordException e) {
                        entries.add(new Entry(r.offset(), r.key(), null, e.reason() + ": " + e.getMessage()));
                    }
                }
            }
        }
        return entries;
    }
}
