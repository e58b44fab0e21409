package io.tickcast.kafka;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs tickcast needs, in one place: what the table in docs/security.md lists, what the Strimzi
 * {@code KafkaUser} in {@code k8s/} grants, what the start-up access check asks the cluster about, and what the
 * integration test grants (and nothing more). Each is one allowed operation on one resource, with the parts of
 * tickcast that need it. Operations imply others as Kafka defines it (READ, WRITE and DELETE imply DESCRIBE), so
 * DESCRIBE is never listed on its own.
 */
public final class TickcastAcls {

    /** Who needs a permission: a role of {@code tickcast run}, or a command. */
    public enum User {
        STREAM("stream"), TRAINER("trainer"), PRODUCE("produce"), CONSUME("consume"), MODELS_LIST("models list"),
        MODELS_ROLLBACK("models rollback"),
        /** {@code consume} reading another topic than the forecasts: each needs only READ on the topic it reads. */
        CONSUME_TICKS("consume --topic-kind ticks"), CONSUME_DEAD_LETTERS("consume --topic-kind dead-letters"),
        CONSUME_MODELS("consume --topic-kind models");

        private final String label;

        User(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One allowed operation on a resource (a literal name, or every name with a prefix), and who needs it. */
    public record Acl(ResourceType resourceType, String name, PatternType patternType, AclOperation operation,
                      Set<User> neededBy) {

        public Acl {
            neededBy = Set.copyOf(neededBy);
        }

        /** This ACL, allowing {@code principal} (e.g. {@code User:tickcast}) from any host. */
        public AclBinding binding(String principal) {
            return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
        }

        /** E.g. {@code READ on topic ticks}, {@code WRITE on transactional ids prefixed tickcast-}. */
        public String describe() {
            return operation + " on " + AccessDenied.resource(resourceType, name, patternType);
        }

        boolean neededByAnyOf(Set<User> users) {
            return neededBy.stream().anyMatch(users::contains);
        }
    }

    private TickcastAcls() {
    }

    /**
     * Every ACL any part of tickcast needs with these settings. The prefix of Kafka Streams' internal topics and
     * transactional ids is {@code <application.id>-}; the consumer group is the application id; the trainer's
     * transactional id is {@code <application.id>-trainer}, and its ownership check commits (and aborts) an offset
     * for a group of that name. With {@code kafka.processing.guarantee=at_least_once} the stream uses no transactional
     * id.
     */
    public static List<Acl> all(TickcastConfig config) {
        TickcastConfig.Topics t = config.topics();
        String app = config.applicationId();
        String prefix = app + "-";
        List<Acl> acls = new ArrayList<>();
        acls.add(topic(t.ticks(), AclOperation.READ, User.STREAM, User.TRAINER, User.CONSUME_TICKS));
        acls.add(topic(t.ticks(), AclOperation.WRITE, User.PRODUCE));
        acls.add(topic(t.forecasts(), AclOperation.WRITE, User.STREAM));
        acls.add(topic(t.forecasts(), AclOperation.READ, User.CONSUME));
        acls.add(topic(t.deadLetter(), AclOperation.WRITE, User.STREAM));
        acls.add(topic(t.deadLetter(), AclOperation.READ, User.CONSUME_DEAD_LETTERS));
        acls.add(topic(t.models(), AclOperation.READ, User.STREAM, User.TRAINER, User.MODELS_LIST, User.MODELS_ROLLBACK,
                User.CONSUME_MODELS));
        acls.add(topic(t.models(), AclOperation.WRITE, User.TRAINER, User.MODELS_ROLLBACK));
        // Kafka Streams' repartition and changelog topics: it creates them, writes and reads them, and deletes the
        // records of a repartition topic once they are processed (without DELETE it only says so at DEBUG, and the
        // topic, kept for ever, grows without end)
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE)) {
            acls.add(new Acl(ResourceType.TOPIC, prefix, PatternType.PREFIXED, op, Set.of(User.STREAM)));
        }
        acls.add(new Acl(ResourceType.GROUP, app, PatternType.LITERAL, AclOperation.READ, Set.of(User.STREAM)));
        acls.add(new Acl(ResourceType.GROUP, app + "-trainer", PatternType.LITERAL, AclOperation.READ, Set.of(User.TRAINER)));
        // exactly-once (the default) gives each stream thread a transactional producer; at_least_once does not
        boolean exactlyOnce = !"at_least_once".equals(config.kafkaOverrides().get("processing.guarantee"));
        acls.add(new Acl(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE,
                exactlyOnce ? Set.of(User.STREAM, User.TRAINER) : Set.of(User.TRAINER)));
        return List.copyOf(acls);
    }

    /** The ACLs the given users need (e.g. the stream and the trainer: what the service's KafkaUser grants). */
    public static List<Acl> neededBy(TickcastConfig config, Set<User> users) {
        return all(config).stream().filter(a -> a.neededByAnyOf(users)).toList();
    }

    /** The ACLs the service needs: the stream and the trainer, the two roles of {@code tickcast run}. */
    public static List<Acl> service(TickcastConfig config) {
        return neededBy(config, EnumSet.of(User.STREAM, User.TRAINER));
    }

    private static Acl topic(String name, AclOperation op, User... users) {
        return new Acl(ResourceType.TOPIC, name, PatternType.LITERAL, op, Set.of(users));
    }
}
