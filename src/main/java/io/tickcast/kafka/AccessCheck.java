package io.tickcast.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the service starts (and again when a Kafka client of it is refused something): asks the cluster, as this
 * client, which of the ACLs tickcast needs ({@link TickcastAcls}) it lacks, within a bound. Kafka lets a client ask
 * for the operations it may perform on a topic, a group or the cluster it can describe; for the rest:
 * <ul>
 *   <li>topics of a prefix (Kafka Streams' internal topics, created at start-up): CREATE by a validate-only topic
 *       creation under the prefix; the other operations on those of them that exist already;</li>
 *   <li>groups that do not exist yet (a first start): described (DESCRIBE, which READ implies, is allowed), but
 *       Kafka tells no operations of a group it does not have;</li>
 *   <li>transactional ids: a transactional id cannot be described without DESCRIBE, which WRITE implies; a refused
 *       description means WRITE is missing (an ACL granting DESCRIBE alone is only found when the producer starts).</li>
 * </ul>
 * A topic that does not exist is not this check's business (the readiness probe and the commands' cluster check
 * name it).
 */
public final class AccessCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccessCheck.class);
    private static final String PROBE_SUFFIX = "tickcast-access-check";

    private AccessCheck() {
    }

    /**
     * @param client   Kafka client settings
     * @param timeout  bound of each request to the cluster
     * @param required the ACLs this client needs
     * @throws KafkaAccessDeniedException naming the principal and each missing permission, or a refused login
     * @throws IllegalStateException      if the cluster cannot be asked within the bound
     */
    public static void require(Properties client, Duration timeout, List<TickcastAcls.Acl> required) {
        requireWhereAnswered(client, timeout, required);
    }

    /**
     * As {@link #require}, but a cluster that cannot be asked (down, unreachable, a timeout) is only logged: the
     * clients that start next say so themselves. Used at the service's start-up.
     */
    public static void requireIfReachable(Properties client, Duration timeout, List<TickcastAcls.Acl> required) {
        try {
            requireWhereAnswered(client, timeout, required);
        } catch (KafkaAccessDeniedException e) {
            throw e;
        } catch (IllegalStateException e) {
            LOG.warn("could not check this client's access to the cluster ({}); starting anyway", e.getMessage());
        }
    }

    private static void requireWhereAnswered(Properties client, Duration timeout, List<TickcastAcls.Acl> required) {
        List<TickcastAcls.Acl> missing = missing(client, timeout, required);
        if (!missing.isEmpty()) {
            throw new KafkaAccessDeniedException(lacks(client, missing), null);
        }
    }

    /** One line per missing ACL: {@code User:tickcast lacks WRITE on topic forecasts (needed by: stream)}. */
    public static String lacks(Properties client, List<TickcastAcls.Acl> missing) {
        String who = AccessDenied.principal(client);
        return missing.stream().map(a -> who + " lacks " + a.describe() + " (needed by: " + a.neededBy().stream()
                        .sorted().map(TickcastAcls.User::label).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("\n"));
    }

    /**
     * The ACLs of {@code required} this client lacks, as far as the cluster lets it find out.
     *
     * @throws KafkaAccessDeniedException if the cluster refuses the client's credentials
     */
    public static List<TickcastAcls.Acl> missing(Properties client, Duration timeout, List<TickcastAcls.Acl> required) {
        Properties p = ClientSettings.bounded(client, timeout, timeout);
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tickcast-access-check");
        List<TickcastAcls.Acl> missing = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            get(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout))).clusterId(), timeout);
            missing.addAll(literalTopics(admin, timeout, select(required, ResourceType.TOPIC, PatternType.LITERAL)));
            missing.addAll(prefixedTopics(admin, timeout, select(required, ResourceType.TOPIC, PatternType.PREFIXED)));
            missing.addAll(groups(admin, timeout, select(required, ResourceType.GROUP, PatternType.LITERAL)));
            missing.addAll(transactionalIds(admin, timeout, select(required, ResourceType.TRANSACTIONAL_ID, null)));
        } catch (ExecutionException e) {
            throw failed(client, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the cluster at " + client.getProperty("bootstrap.servers")
                    + " did not answer the access check within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking access to the cluster", e);
        }
        missing.sort(java.util.Comparator.comparingInt(required::indexOf));
        return missing;
    }

    private static RuntimeException failed(Properties client, Throwable cause) {
        RuntimeException denied = AccessDenied.find(cause);
        if (denied instanceof AuthenticationException) {
            return new KafkaAccessDeniedException(AccessDenied.describe(denied, client, null), denied);
        }
        return new IllegalStateException("cannot check access to the cluster at " + client.getProperty("bootstrap.servers")
                + ": " + cause, cause);
    }

    private static List<TickcastAcls.Acl> literalTopics(Admin admin, Duration timeout, List<TickcastAcls.Acl> required)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<String, List<TickcastAcls.Acl>> byTopic = byName(required);
        if (byTopic.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(byTopic.keySet(),
                new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs(millis(timeout))).topicNameValues();
        List<TickcastAcls.Acl> missing = new ArrayList<>();
        for (var e : byTopic.entrySet()) {
            Set<AclOperation> allowed;
            try {
                allowed = authorized(get(described.get(e.getKey()), timeout).authorizedOperations());
            } catch (ExecutionException x) {
                if (x.getCause() instanceof TopicAuthorizationException) {
                    allowed = Set.of();
                } else if (x.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    continue;
                } else {
                    throw x;
                }
            }
            missing.addAll(lacking(e.getValue(), allowed));
        }
        return missing;
    }

    private static List<TickcastAcls.Acl> prefixedTopics(Admin admin, Duration timeout, List<TickcastAcls.Acl> required)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<TickcastAcls.Acl> missing = new ArrayList<>();
        for (var e : byName(required).entrySet()) {
            String prefix = e.getKey();
            List<TickcastAcls.Acl> acls = e.getValue();
            if (acls.stream().anyMatch(a -> a.operation() == AclOperation.CREATE)) {
                try {
                    get(admin.createTopics(List.of(new NewTopic(prefix + PROBE_SUFFIX, 1, (short) 1)),
                            new CreateTopicsOptions().validateOnly(true).timeoutMs(millis(timeout))).all(), timeout);
                } catch (ExecutionException x) {
                    if (x.getCause() instanceof TopicAuthorizationException) {
                        acls.stream().filter(a -> a.operation() == AclOperation.CREATE).forEach(missing::add);
                    } else {
                        LOG.debug("validate-only creation of {}{}: {}", prefix, PROBE_SUFFIX, x.getCause().toString());
                    }
                }
            }
            List<TickcastAcls.Acl> others = acls.stream().filter(a -> a.operation() != AclOperation.CREATE).toList();
            List<String> existing = get(admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout))).names(), timeout)
                    .stream().filter(t -> t.startsWith(prefix)).sorted().toList();
            if (others.isEmpty() || existing.isEmpty()) {
                continue;
            }
            Map<String, TopicDescription> described = get(admin.describeTopics(existing, new DescribeTopicsOptions()
                    .includeAuthorizedOperations(true).timeoutMs(millis(timeout))).allTopicNames(), timeout);
            for (TickcastAcls.Acl acl : others) {
                boolean everywhere = described.values().stream()
                        .allMatch(d -> authorized(d.authorizedOperations()).contains(acl.operation()));
                if (!everywhere) {
                    missing.add(acl);
                }
            }
        }
        return missing;
    }

    private static List<TickcastAcls.Acl> groups(Admin admin, Duration timeout, List<TickcastAcls.Acl> required)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<TickcastAcls.Acl> missing = new ArrayList<>();
        for (var e : byName(required).entrySet()) {
            Set<AclOperation> allowed;
            try {
                allowed = authorized(get(admin.describeConsumerGroups(List.of(e.getKey()),
                        new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true).timeoutMs(millis(timeout)))
                        .describedGroups().get(e.getKey()), timeout).authorizedOperations());
            } catch (ExecutionException x) {
                if (x.getCause() instanceof GroupIdNotFoundException) {
                    continue; // described, so DESCRIBE is allowed; a group that does not exist yet has no operations to tell
                }
                if (!(x.getCause() instanceof GroupAuthorizationException)) {
                    throw x;
                }
                allowed = Set.of();
            }
            missing.addAll(lacking(e.getValue(), allowed));
        }
        return missing;
    }

    private static List<TickcastAcls.Acl> transactionalIds(Admin admin, Duration timeout, List<TickcastAcls.Acl> required)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<TickcastAcls.Acl> missing = new ArrayList<>();
        for (TickcastAcls.Acl acl : required) {
            String id = acl.patternType() == PatternType.PREFIXED ? acl.name() + PROBE_SUFFIX : acl.name();
            try {
                get(admin.describeTransactions(List.of(id)).description(id), timeout);
            } catch (ExecutionException x) {
                if (x.getCause() instanceof TransactionalIdAuthorizationException) {
                    missing.add(acl);
                } else if (!(x.getCause() instanceof org.apache.kafka.common.errors.TransactionalIdNotFoundException)) {
                    throw x;
                }
            }
        }
        return missing;
    }

    private static List<TickcastAcls.Acl> lacking(List<TickcastAcls.Acl> acls, Set<AclOperation> allowed) {
        return acls.stream().filter(a -> !allowed.contains(a.operation())).toList();
    }

    /** Kafka's answer, with ALL spelt out (a broker answers with single operations; this is for safety). */
    private static Set<AclOperation> authorized(Set<AclOperation> ops) {
        if (ops == null) {
            return Set.of();
        }
        if (ops.contains(AclOperation.ALL)) {
            return Set.of(AclOperation.values());
        }
        return ops;
    }

    private static List<TickcastAcls.Acl> select(List<TickcastAcls.Acl> acls, ResourceType type, PatternType pattern) {
        return acls.stream().filter(a -> a.resourceType() == type && (pattern == null || a.patternType() == pattern)).toList();
    }

    private static Map<String, List<TickcastAcls.Acl>> byName(Collection<TickcastAcls.Acl> acls) {
        Map<String, List<TickcastAcls.Acl>> out = new LinkedHashMap<>();
        acls.forEach(a -> out.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a));
        return out;
    }

    private static <T> T get(KafkaFuture<T> future, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
