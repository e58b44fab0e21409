package io.tickcast.registry;

import java.time.Duration;
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

/** Reads the whole model registry once (committed records only): for listing and rolling back. */
public final class RegistryReader {

    private RegistryReader() {
    }

    /** A consumer of the registry topic: outside any group, read_committed, room for a large record. */
    static KafkaConsumer<String, byte[]> consumer(Properties clientProperties) {
        Properties p = ClientSettings.groupFreeReader(clientProperties);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public static RegistryState readAll(Properties clientProperties, String topic) {
        RegistryState state = new RegistryState();
        try (KafkaConsumer<String, byte[]> c = consumer(clientProperties)) {
            List<TopicPartition> parts = ClientSettings.assignAll(c, topic, true);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (!ClientSettings.reached(c, end)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    state.add(r.offset(), r.key(), r.value());
                }
            }
        }
        return state;
    }
}
