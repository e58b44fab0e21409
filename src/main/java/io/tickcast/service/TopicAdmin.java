package io.tickcast.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickcast.config.TickcastConfig;
import io.tickcast.errors.Causes;
import io.tickcast.kafka.AccessDenied;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates tickcast's topics where they are missing (existing topics are left as they are), and tells how many
 * brokers a cluster has, so that {@code run --create-topics} can replicate them as the cluster allows.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * Creates the ticks, forecasts and dead-letter topics (with {@code partitions}) and the model registry
     * topic (one partition, compacted: the newest record is the current model) if absent; returns the names
     * it created.
     */
    public static List<String> ensureTopics(TickcastConfig config, int partitions, short replication) {
        return ensureTopics(config, partitions, Replication.of(replication));
    }

    /**
     * How created topics are replicated: {@code factor} copies, and {@code minInsyncReplicas} of them must acknowledge
     * a write (null: the broker's default).
     */
    public record Replication(short factor, Integer minInsyncReplicas) {

        /** {@code factor} copies, {@code min.insync.replicas} as the broker's default. */
        public static Replication of(short factor) {
            return new Replication(factor, null);
        }

        /**
         * The safe choice for a cluster of {@code brokers}: 3 copies where there are at least 3 brokers, with
         * {@code min.insync.replicas} 2 (a write survives the loss of one broker and is refused rather than kept on
         * one copy only); with fewer brokers, one copy per broker.
         */
        public static Replication forBrokers(int brokers) {
            return brokers >= 3 ? new Replication((short) 3, 2) : new Replication((short) Math.max(1, brokers), null);
        }
    }

    /** The number of brokers in the cluster, bounded by {@code client.timeout}. */
    public static int brokerCount(TickcastConfig config) {
        Duration timeout = config.clients().timeout();
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the cluster at " + config.bootstrapServers() + " within "
                    + timeout + " (client.timeout): " + Causes.chain(e), e);
        }
    }

    /** As {@link #ensureTopics(TickcastConfig, int, short)}, replicated as {@code replication} says. */
    public static List<String> ensureTopics(TickcastConfig config, int partitions, Replication replication) {
        TickcastConfig.Topics t = config.topics();
        java.util.Map<String, String> common = replication.minInsyncReplicas() == null ? java.util.Map.of()
                : java.util.Map.of("min.insync.replicas", Integer.toString(replication.minInsyncReplicas()));
        java.util.Map<String, String> registry = new java.util.HashMap<>(common);
        registry.put("cleanup.policy", "compact");
        registry.put("max.message.bytes", Integer.toString(4 * 1024 * 1024));
        short factor = replication.factor();
        List<NewTopic> wanted = List.of(
                new NewTopic(t.ticks(), partitions, factor).configs(common),
                new NewTopic(t.forecasts(), partitions, factor).configs(common),
                new NewTopic(t.deadLetter(), partitions, factor).configs(common),
                new NewTopic(t.models(), 1, factor).configs(registry));
        Duration timeout = config.clients().timeout();   // each wait bounded by client.timeout
        Properties props = config.kafkaClientProperties();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        throw new IllegalStateException(AccessDenied.principal(props) + " lacks CREATE on topic " + entry.getKey()
                                + " (needed by: run --create-topics; or create the topics with the cluster's own tooling)", e);
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + " at "
                                + config.bootstrapServers() + ": " + Causes.chain(e.getCause()), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            RuntimeException denied = AccessDenied.find(e.getCause());
            if (denied != null) {
                throw new IllegalStateException("cannot create topics: " + AccessDenied.describe(denied, props, null), e);
            }
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + " to create topics within "
                    + timeout + " (client.timeout): " + Causes.chain(e), e);
        }
    }
}
