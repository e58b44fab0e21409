package io.tickcast.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings Kafka's clients define (producer, consumer, admin, Kafka Streams), with the prefixes Kafka
 * Streams gives them ({@code producer.}, {@code main.consumer.}, {@code topic.}, ...): a key outside these is a
 * misspelling, since Kafka itself only warns about it and goes on without it.
 */
public final class KafkaClientKeys {

    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> CONSUMER = ConsumerConfig.configNames();
    private static final Set<String> ADMIN = AdminClientConfig.configNames();
    private static final Set<String> TOPIC = topicConfigNames();
    /** Kafka Streams' client prefixes, each with the settings that may follow it. */
    private static final Map<String, Set<String>> PREFIXED = Map.of(
            StreamsConfig.PRODUCER_PREFIX, PRODUCER,
            StreamsConfig.CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN,
            StreamsConfig.TOPIC_PREFIX, TOPIC);
    private static final Set<String> UNPREFIXED = unprefixed();
    private static final Set<String> ALL = everyKey();

    private KafkaClientKeys() {
    }

    /** Whether a Kafka client (or Kafka Streams, with its prefixes) defines {@code key}. */
    public static boolean isKnown(String key) {
        if (UNPREFIXED.contains(key)) {
            return true;
        }
        for (Map.Entry<String, Set<String>> p : PREFIXED.entrySet()) {
            if (key.startsWith(p.getKey()) && p.getValue().contains(key.substring(p.getKey().length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code kafkaKey}'s value is a credential ({@code sasl.jaas.config}, {@code *.password}, {@code *.key},
     * ...), hidden wherever settings are shown (Kafka's own config dumps hide the same ones).
     */
    public static boolean isSecret(String kafkaKey) {
        String k = kafkaKey.toLowerCase(Locale.ROOT);
        return k.endsWith("sasl.jaas.config") || k.contains("password") || k.endsWith(".key") || k.contains("secret")
                || k.endsWith("ssl.keystore.certificate.chain") || k.contains("token");
    }

    /** Topic-level settings ({@code retention.ms}, {@code cleanup.policy}, ...). */
    public static Set<String> topicSettings() {
        return TOPIC;
    }

    /** Every key {@link #isKnown} accepts (for suggestions). */
    public static Set<String> all() {
        return ALL;
    }

    private static Set<String> everyKey() {
        Set<String> all = new TreeSet<>(unprefixed());
        PREFIXED.forEach((prefix, names) -> names.forEach(n -> all.add(prefix + n)));
        return Set.copyOf(all);
    }

    private static Set<String> unprefixed() {
        Set<String> names = new TreeSet<>(PRODUCER);
        names.addAll(CONSUMER);
        names.addAll(ADMIN);
        names.addAll(StreamsConfig.configDef().names());
        return Set.copyOf(names);
    }

    /** Topic-level settings ({@code cleanup.policy}, ...): TopicConfig's {@code *_CONFIG} constants. */
    private static Set<String> topicConfigNames() {
        Set<String> names = new TreeSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
