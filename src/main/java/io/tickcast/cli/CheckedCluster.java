package io.tickcast.cli;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.kafka.ClusterCheck;

/**
 * The Kafka client settings of a command, every wait bounded by {@code client.timeout}, handed out only once the
 * cluster has answered within that bound and has the topics the command needs.
 */
final class CheckedCluster {

    private CheckedCluster() {
    }

    /** For commands that read, or write single records: every wait bounded by {@code client.timeout}. */
    static Properties clientProperties(TickcastConfig config, String... topics) {
        return checked(config, config.clients().timeout(), topics);
    }

    /** For {@code produce}: as above, but a tick may wait {@code produce.delivery-timeout} for its acknowledgement. */
    static Properties producerProperties(TickcastConfig config, String topic) {
        return checked(config, config.clients().deliveryTimeout(), topic);
    }

    /**
     * For {@code run}: the cluster answers within {@code client.timeout} and has {@code topics}, or a
     * {@link io.tickcast.kafka.ClusterUnavailableException} says why not. The service's own clients keep their
     * settings: only the check is bounded.
     */
    static void requireForService(TickcastConfig config, List<String> topics) {
        checked(config, config.clients().timeout(), topics.toArray(String[]::new));
    }

    private static Properties checked(TickcastConfig config, Duration deliveryTimeout, String... topics) {
        Duration timeout = config.clients().timeout();
        Properties client = ClientSettings.bounded(config.kafkaClientProperties(), timeout, deliveryTimeout);
        ClusterCheck.require(client, timeout, List.of(topics));
        return client;
    }
}
