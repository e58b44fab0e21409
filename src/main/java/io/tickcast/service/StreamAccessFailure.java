package io.tickcast.service;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.AccessCheck;
import io.tickcast.kafka.AccessDenied;
import io.tickcast.kafka.TickcastAcls;

/**
 * What a stream thread that failed on an authentication or authorization error was refused, in words: the missing
 * ACLs as the cluster tells them to this client now ({@link AccessCheck}), or else what Kafka's exception names.
 * Kafka Streams meets most of these only at run time (its internal topics and transactional ids are used once the
 * stream runs).
 */
final class StreamAccessFailure {

    /** How long the failure handler may ask the cluster what is missing. */
    private static final Duration ASK_FOR = Duration.ofSeconds(5);

    private StreamAccessFailure() {
    }

    /** The explanation, or null if {@code failure} is not an authentication or authorization failure. */
    static String explain(Throwable failure, TickcastConfig config) {
        RuntimeException denied = AccessDenied.find(failure);
        if (denied == null) {
            return null;
        }
        Properties client = config.kafkaClientProperties();
        String named = AccessDenied.describe(denied, client, "transactional ids prefixed " + config.applicationId() + "-");
        try {
            List<TickcastAcls.Acl> missing = AccessCheck.missing(client, ASK_FOR,
                    TickcastAcls.neededBy(config, EnumSet.of(TickcastAcls.User.STREAM)));
            return missing.isEmpty() ? named : AccessCheck.lacks(client, missing).replace("\n", "; ") + " (" + named + ")";
        } catch (RuntimeException e) {
            return named;
        }
    }
}
