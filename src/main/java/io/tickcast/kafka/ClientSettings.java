package io.tickcast.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/** The Kafka client settings and reading patterns tickcast's own producers and readers share. */
public final class ClientSettings {

    private ClientSettings() {
    }

    /** A durable, idempotent producer: acks from all in-sync replicas, no duplicates on retry. */
    public static Properties durableProducer(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    /**
     * Bounds every wait of a client: a blocking call (metadata, offsets, a send into a full buffer) ends after
     * {@code timeout}, a request after at most half of it, and a produced record that is not acknowledged after
     * {@code deliveryTimeout}, retries included. Settings already in {@code base} (the user's {@code kafka.*})
     * win over these.
     */
    public static Properties bounded(Properties base, Duration timeout, Duration deliveryTimeout) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeout));
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
                millis(min(Duration.ofSeconds(30), timeout.dividedBy(2), deliveryTimeout.dividedBy(2))));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(deliveryTimeout));
        p.putAll(base);
        return p;
    }

    private static Duration min(Duration first, Duration... others) {
        Duration m = first;
        for (Duration d : others) {
            m = d.compareTo(m) < 0 ? d : m;
        }
        return m;
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }

    /** A reader outside any consumer group that sees committed records only. */
    public static Properties groupFreeReader(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /**
     * Assigns every partition of {@code topic} to the consumer, at the beginning or the end. Waits for the
     * topic's metadata at most the consumer's {@code default.api.timeout.ms}.
     *
     * @throws IllegalStateException if the topic does not exist
     */
    public static List<TopicPartition> assignAll(Consumer<?, ?> consumer, String topic, boolean fromBeginning) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        return partitions;
    }

    /** True once the consumer's position has reached {@code end} on every partition. */
    public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
