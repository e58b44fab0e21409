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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates tickcast's topics where they are missing (existing topics are left as they are). */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * Creates the ticks, forecasts and dead-letter topics (with {@code partitions}) and the model registry
     * topic (one partition, compacted: the newest record is the current model) if absent; returns the names
     * it created.
     */
    public static List<String> ensureTopics(TickcastConfig config, int partitions, short replication) {
        TickcastConfig.Topics t = config.topics();
        List<NewTopic> wanted = List.of(
                new NewTopic(t.ticks(), partitions, replication),
                new NewTopic(t.forecasts(), partitions, replication),
                new NewTopic(t.deadLetter(), partitions, replication),
                new NewTopic(t.models(), 1, replication).configs(java.util.Map.of(
                        "cleanup.policy", "compact", "max.message.bytes", Integer.toString(4 * 1024 * 1024))));
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
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + " to create topics within "
                    + timeout + " (client.timeout): " + Causes.chain(e), e);
        }
    }
}
