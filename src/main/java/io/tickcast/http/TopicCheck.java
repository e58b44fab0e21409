package io.tickcast.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether the topics the stream needs exist, for the readiness probe. Asks the cluster at most once per
 * {@code okFor} after a success (a probe every few seconds should not be an admin request every few
 * seconds); a failure or a missing topic is asked again on the next probe. Thread-safe.
 */
final class TopicCheck implements AutoCloseable {

    /** Missing topics (empty: all exist), or null with the error when the cluster could not be asked. */
    record Result(List<String> missing, String error) {
    }

    private final Properties clientProperties;
    private final List<String> topics;
    private final Duration okFor;
    private final Duration timeout;
    private Admin admin;
    private long okUntilNanos;

    TopicCheck(Properties clientProperties, List<String> topics, Duration okFor, Duration timeout) {
        this.clientProperties = new Properties();
        this.clientProperties.putAll(clientProperties);
        this.clientProperties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tickcast-health");
        this.topics = List.copyOf(topics);
        this.okFor = okFor;
        this.timeout = timeout;
    }

    synchronized Result check() {
        if (okUntilNanos != 0 && System.nanoTime() - okUntilNanos < 0) {
            return new Result(List.of(), null);
        }
        try {
            if (admin == null) {
                admin = Admin.create(clientProperties);
            }
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                    new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis())).topicNameValues();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                try {
                    described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        missing.add(topic);
                    } else {
                        return new Result(null, String.valueOf(e.getCause()));
                    }
                }
            }
            okUntilNanos = missing.isEmpty() ? System.nanoTime() + okFor.toNanos() : 0;
            return new Result(missing, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } catch (TimeoutException e) {
            return new Result(null, "no answer from Kafka within " + timeout.toMillis() + " ms");
        } catch (RuntimeException e) {
            return new Result(null, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
