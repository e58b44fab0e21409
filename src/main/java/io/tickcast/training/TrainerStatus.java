package io.tickcast.training;

import java.time.Duration;
import java.time.Instant;

import io.tickcast.registry.ModelFollower;

/**
 * What the trainer's parts say about themselves, each as a type: its feed of the ticks topic, its reader of the
 * model registry, and whether it may publish. The probes decide on these types; the words a person reads come from
 * the {@code describe()} methods, used only where text is shown (probe bodies, logs, an attempt's detail).
 */
public record TrainerStatus(Feed feed, Registry registry, Publishing publishing) {

    /** The feed thread's state: {@link #RUNNING} only while it reads the ticks topic. */
    public enum FeedState {
        /** Not started yet. */
        NOT_STARTED,
        /** Reads the ticks topic (or waits for the registry before it does). */
        RUNNING,
        /** Ended without being closed: it failed (see the log), no retraining from now on. */
        FAILED,
        /** Closed, or closing. */
        CLOSED
    }

    /**
     * The feed of the ticks topic.
     *
     * @param caughtUp it has read the ticks topic to the end the topic had when it started (stays true after)
     */
    public record Feed(FeedState state, boolean caughtUp) {
    }

    /** How far the trainer's registry reader has got. */
    public enum Reading {
        /** Read the registry to its end, and reads it: the trainer may publish. */
        READ_TO_END,
        /** Still reading the registry to the end it had at start. */
        STILL_READING,
        /** Cannot read the registry (retried). */
        FAILING
    }

    /**
     * The trainer's reader of the model registry.
     *
     * @param topic        the registry topic
     * @param failingSince since when the registry cannot be read (null unless {@link Reading#FAILING})
     * @param lastError    the reader's last error (null unless failing)
     * @param down         the reader has stopped, or has failed for longer than {@link #GRACE}: liveness fails
     */
    public record Registry(String topic, Reading reading, Instant failingSince, String lastError, boolean down) {

        /** How long the registry reader may fail before the trainer's liveness says so. */
        public static final Duration GRACE = Duration.ofSeconds(60);

        /** What {@code follower} says now about reading {@code topic}. */
        static Registry of(ModelFollower follower, String topic, Instant now) {
            Instant since = follower.failingSince();
            return of(topic, follower.caughtUp(), since, since == null ? null : follower.lastError(), follower.stopped(),
                    now);
        }

        /**
         * @param caughtUp     the reader has read the registry to the end it had at start
         * @param failingSince since when it cannot read the registry (null while it can)
         * @param stopped      its thread ended without being closed
         */
        static Registry of(String topic, boolean caughtUp, Instant failingSince, String lastError, boolean stopped,
                           Instant now) {
            Reading reading = failingSince != null ? Reading.FAILING
                    : caughtUp ? Reading.READ_TO_END : Reading.STILL_READING;
            boolean down = stopped || failingSince != null && Duration.between(failingSince, now).compareTo(GRACE) > 0;
            return new Registry(topic, reading, failingSince, failingSince == null ? null : lastError, down);
        }

        /** True when the trainer may publish as far as the registry goes: read to its end, and readable. */
        public boolean readable() {
            return reading == Reading.READ_TO_END;
        }

        /** The reading in words, e.g. {@code cannot read the model registry tickcast-models since ...: ...}. */
        public String describe() {
            return switch (reading) {
                case READ_TO_END -> "reads the model registry " + topic;
                case STILL_READING -> "still reading the model registry " + topic;
                case FAILING -> "cannot read the model registry " + topic + " since " + failingSince + ": " + lastError;
            };
        }
    }

    /** Whether this trainer may publish to the registry. */
    public sealed interface Publishing {

        /** The transactional id this trainer publishes under: {@code <application.id>-trainer}. */
        String transactionalId();

        /** No other trainer has taken the transactional id (as far as the last check knows). */
        record Allowed(String transactionalId) implements Publishing {
        }

        /**
         * Another trainer took over the transactional id and publishes to {@code topic}: for good, only a restart
         * makes this one the trainer again (and fences the other).
         */
        record Fenced(String transactionalId, String topic) implements Publishing {

            public String describe() {
                return "fenced: another trainer took over the transactional id '" + transactionalId
                        + "' and publishes to " + topic + "; this one no longer trains or publishes";
            }
        }
    }

    /** True once another trainer has fenced this one. */
    public boolean fenced() {
        return publishing instanceof Publishing.Fenced;
    }
}
