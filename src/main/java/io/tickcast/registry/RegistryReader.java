package io.tickcast.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty()) {
                throw new IllegalStateException("model registry topic " + topic + " does not exist");
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
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
