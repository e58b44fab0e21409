package io.tickcast.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tickcast.errors.Causes;
import io.tickcast.settings.ConfigKey;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Before a command's real work: asks the cluster to describe itself and the topics the command needs, within a
 * bound. A cluster that does not answer, refuses the client's security settings or lacks a topic is an error
 * naming the bootstrap servers, the security protocol and the likely cause, instead of a client that waits.
 */
public final class ClusterCheck {

    /** How long the diagnosis may try a plain connection to each bootstrap server. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private ClusterCheck() {
    }

    /**
     * @param client  Kafka client settings (bootstrap servers, security)
     * @param timeout how long to wait for the cluster's answers
     * @param topics  topics that must exist
     * @throws ClusterUnavailableException if the cluster does not answer in time, refuses the client, or lacks a topic
     */
    public static void require(Properties client, Duration timeout, List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tickcast-cluster-check");
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (RuntimeException e) {   // e.g. no resolvable bootstrap server, a broken JAAS setting
            ConfigException config = Causes.find(e, ConfigException.class);
            String cause = config != null && String.valueOf(config.getMessage()).contains("bootstrap")
                    ? likelyCause(client, config) : "the Kafka client settings (kafka.*) are incomplete or wrong, see above";
            throw unavailable(client, "the client cannot start: " + Causes.chain(e), cause, e);
        }
        try {
            await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout))).clusterId(), timeout);
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), PROBE_TIMEOUT.toNanos()));
            List<String> missing = missingTopics(admin, topics, left);
            if (!missing.isEmpty()) {
                throw new ClusterUnavailableException("the cluster at " + servers(client) + " has no topic "
                        + String.join(", ", missing) + ": create it (tickcast run --create-topics, or the cluster's own "
                        + "tooling) or name the right one (topic.* settings)", null);
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String what = c instanceof TimeoutException ? noAnswerWithin(timeout) + ": " + c.getMessage() : c.getMessage();
            throw unavailable(client, what, likelyCause(client, c), c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unavailable(client, noAnswerWithin(timeout), likelyCause(client, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while checking the cluster at " + servers(client), e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * As {@link #require(Properties, Duration, List)}, and then that the cluster grants this client {@code acls}
     * ({@link AccessCheck}). A refused login or a missing ACL is a {@link KafkaAccessDeniedException} naming the
     * principal and, for an ACL, the operation and the resource.
     */
    public static void require(Properties client, Duration timeout, List<String> topics, List<TickcastAcls.Acl> acls) {
        try {
            require(client, timeout, topics);
        } catch (ClusterUnavailableException e) {
            RuntimeException denied = AccessDenied.find(e.getCause());
            if (denied == null) {
                throw e;
            }
            String detail = denied instanceof AuthorizationException ? missingOrNamed(client, timeout, acls, denied)
                    : AccessDenied.describe(denied, client, null);
            throw new KafkaAccessDeniedException(e.getMessage() + "\n" + detail, e.getCause());
        }
        if (!acls.isEmpty()) {   // the login itself is proven by the check above: no second client for nothing
            AccessCheck.require(client, timeout, acls);
        }
    }

    private static String missingOrNamed(Properties client, Duration timeout, List<TickcastAcls.Acl> acls,
                                         RuntimeException denied) {
        try {
            List<TickcastAcls.Acl> missing = AccessCheck.missing(client, timeout, acls);
            return missing.isEmpty() ? AccessDenied.describe(denied, client, null) : AccessCheck.lacks(client, missing);
        } catch (RuntimeException e) {
            return AccessDenied.describe(denied, client, null);
        }
    }

    private static List<String> missingTopics(Admin admin, List<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<String> missing = new ArrayList<>();
        if (topics.isEmpty()) {
            return missing;
        }
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs(millis(timeout))).topicNameValues();
        for (String topic : topics) {
            try {
                await(described.get(topic), timeout);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(topic);
            }
        }
        return missing;
    }

    /** Waits a little longer than the call's own timeout, which should end it first. */
    private static <T> T await(KafkaFuture<T> future, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return future.get(timeout.toMillis() + PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String noAnswerWithin(Duration timeout) {
        return "no answer within " + seconds(timeout) + " (" + ConfigKey.CLIENT_TIMEOUT.key() + ")";
    }

    private static String likelyCause(Properties client, Throwable failure) {
        String protocol = securityProtocol(client);
        if (failure instanceof SslAuthenticationException) {
            return "the TLS handshake failed: the listener may not use TLS (security.protocol is " + protocol
                    + "), or this client does not trust the broker's certificate (kafka.ssl.truststore.*)";
        }
        if (failure instanceof AuthenticationException) {
            return "the cluster refused the credentials (sasl.mechanism " + client.getProperty("sasl.mechanism", "GSSAPI")
                    + ", sasl.jaas.config), or the listener expects another security protocol than " + protocol;
        }
        if (failure instanceof AuthorizationException) {
            return "the cluster's ACLs do not allow this client what the command needs";
        }
        return BootstrapProbe.likelyCause(BootstrapProbe.probe(servers(client), PROBE_TIMEOUT), protocol);
    }

    private static ClusterUnavailableException unavailable(Properties client, String what, String likelyCause, Throwable cause) {
        return new ClusterUnavailableException("cannot use the Kafka cluster at " + where(client) + ": " + what
                + "\nlikely cause: " + likelyCause, cause);
    }

    /** Where a client connects, as messages name it: {@code host:port,... (security.protocol PROTOCOL)}. */
    public static String where(Properties client) {
        return servers(client) + " (security.protocol " + securityProtocol(client) + ")";
    }

    private static String servers(Properties client) {
        return client.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "");
    }

    private static String securityProtocol(Properties client) {
        return client.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** A duration as messages say it: whole seconds as {@code 15 s}, else {@code 1500 ms}. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
