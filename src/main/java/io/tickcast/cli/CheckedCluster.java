package io.tickcast.cli;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.kafka.ClusterCheck;
import io.tickcast.kafka.TickcastAcls;

/**
 * The Kafka client settings of a command, every wait bounded by {@code client.timeout}, handed out only once the
 * cluster has answered within that bound, has the topics the command needs and grants the command's ACLs.
 */
final class CheckedCluster {

    private CheckedCluster() {
    }

    /** For commands that read, or write single records: every wait bounded by {@code client.timeout}. */
    static Properties clientProperties(TickcastConfig config, TickcastAcls.User command, String... topics) {
        return checked(config, command, config.clients().timeout(), topics);
    }

    /** For {@code produce}: as above, but a tick may wait {@code client.delivery-timeout} for its acknowledgement. */
    static Properties producerProperties(TickcastConfig config, TickcastAcls.User command, String topic) {
        return checked(config, command, config.clients().deliveryTimeout(), topic);
    }

    /**
     * For {@code run}: the cluster answers within {@code client.timeout} and has {@code topics}, or a
     * {@link io.tickcast.kafka.ClusterUnavailableException} says why not. The service's own clients keep their
     * settings: only the check is bounded. A refused login names the principal; the node checks its ACLs itself
     * when it starts (after {@code --create-topics}).
     */
    static void requireForService(TickcastConfig config, List<String> topics) {
        Duration timeout = config.clients().timeout();
        ClusterCheck.require(ClientSettings.bounded(config.kafkaClientProperties(), timeout, timeout), timeout, topics, List.of());
    }

    private static Properties checked(TickcastConfig config, TickcastAcls.User command, Duration deliveryTimeout,
                                      String... topics) {
        Duration timeout = config.clients().timeout();
        Properties client = ClientSettings.bounded(config.kafkaClientProperties(), timeout, deliveryTimeout);
        ClusterCheck.require(client, timeout, List.of(topics), TickcastAcls.neededBy(config, EnumSet.of(command)));
        return client;
    }
}
