package io.tickcast.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickcast.training.TrainerStatus;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The probe rules, as pure functions of what they look at.
 *
 * <p><b>Live</b> (200, else 503): the Kafka Streams client is not dead. No client (null: none created yet),
 * {@code CREATED} (built, not started: the service is starting), {@code REBALANCING} and {@code RUNNING} are
 * live; {@code PENDING_ERROR} and {@code ERROR} (the client failed) and {@code PENDING_SHUTDOWN} and
 * {@code NOT_RUNNING} (the client is closing or closed) are not: from these states the client never processes
 * again, so a restart is the cure.
 *
 * <p><b>Ready</b> (200, else 503 with the reasons): the client is {@code RUNNING}, or {@code REBALANCING} after it
 * has been {@code RUNNING} (every instance of the group rebalances when one joins or leaves, and under cooperative
 * rebalancing keeps processing the tasks it keeps: counting that as unready would take every instance out of
 * service at once at each restart of one), the ticks, forecasts and dead-letter topics exist, and a forecaster is in place (an installed model, or the naive fallback, which
 * is always available, so this part only reports which one serves).
 */
public final class Health {

    private Health() {
    }

    /** A probe's answer: its HTTP status and JSON body. */
    public record Probe(int status, Map<String, Object> body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Live, and also not live when a background part of the process has stopped for good (say, the model
     * follower): new models would never arrive, and a restart is the cure.
     *
     * @param stoppedParts names of stopped background parts (empty: all run)
     */
    public static Probe live(KafkaStreams.State state, List<String> stoppedParts) {
        Probe probe = live(state);
        if (!probe.ok() || stoppedParts.isEmpty()) {
            return probe;
        }
        Map<String, Object> body = new LinkedHashMap<>(probe.body());
        body.put("status", "DOWN");
        body.put("reason", "stopped: " + String.join(", ", stoppedParts));
        return new Probe(503, body);
    }

    /** @param state the client's state, null when there is no client (yet) */
    public static Probe live(KafkaStreams.State state) {
        Map<String, Object> body = new LinkedHashMap<>();
        String stateName = state == null ? "STARTING" : state.name();
        boolean live = state == null || switch (state) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_ERROR, ERROR, PENDING_SHUTDOWN, NOT_RUNNING -> false;
        };
        body.put("status", live ? "UP" : "DOWN");
        body.put("state", stateName);
        if (!live) {
            body.put("reason", state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    ? "the Kafka Streams client failed" : "the Kafka Streams client is shut down");
        }
        return new Probe(live ? 200 : 503, body);
    }

    /**
     * @param state         the client's state, null when there is no client (yet)
     * @param hasRun        whether the client has been {@code RUNNING} since it started
     * @param missingTopics topics that do not exist (empty: all exist); null if they could not be checked
     * @param topicError    why the topics could not be checked, when missingTopics is null
     * @param forecaster    what forecasts ("lstm v3", "naive fallback"), null if nothing can
     */
    public static Probe ready(KafkaStreams.State state, boolean hasRun, List<String> missingTopics, String topicError,
                              String forecaster) {
        List<String> reasons = new ArrayList<>();
        if (state == null) {
            reasons.add("the Kafka Streams client is not created yet");
        } else if (state != KafkaStreams.State.RUNNING && !(state == KafkaStreams.State.REBALANCING && hasRun)) {
            reasons.add("the Kafka Streams client is " + state + ", not RUNNING"
                    + (state == KafkaStreams.State.REBALANCING ? " (it has not run since it started)" : ""));
        }
        String topics;
        if (missingTopics == null) {
            topics = "unknown";
            reasons.add("cannot check the topics: " + topicError);
        } else if (!missingTopics.isEmpty()) {
            topics = "missing " + String.join(", ", missingTopics);
            reasons.add("topics do not exist: " + String.join(", ", missingTopics));
        } else {
            topics = "ok";
        }
        if (forecaster == null) {
            reasons.add("no model and no naive fallback in place");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "READY" : "NOT_READY");
        body.put("state", state == null ? "STARTING" : state.name());
        body.put("topics", topics);
        body.put("forecaster", forecaster == null ? "none" : forecaster);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return new Probe(reasons.isEmpty() ? 200 : 503, body);
    }

    /**
     * The trainer role's probes (a process without a stream). Live: its feed thread reads the ticks topic, its
     * registry reader has not failed for longer than its grace period, and no other trainer has fenced it (then it
     * never publishes again, and a restart either makes it the one trainer or, if the other is still there, keeps
     * the restarts coming until one is removed). Ready: live, it has read the ticks topic to the end it had at
     * start (so its first training sees the whole history), and it can read the model registry (it publishes
     * only then).
     */
    public static Probe trainer(TrainerStatus t, boolean ready) {
        TrainerStatus.Registry registry = t.registry();
        boolean feedRuns = t.feed().state() == TrainerStatus.FeedState.RUNNING;
        boolean caughtUp = t.feed().caughtUp();
        boolean live = feedRuns && !registry.down() && !t.fenced();
        boolean ok = ready ? live && caughtUp && registry.readable() : live;
        String registryText = registry.readable() ? "ok" : registry.describe();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? (ready ? "READY" : "UP") : (ready ? "NOT_READY" : "DOWN"));
        body.put("role", "trainer");
        body.put("history", caughtUp ? "caught up" : "reading the ticks topic");
        body.put("registry", registryText);
        body.put("publishing", t.publishing() instanceof TrainerStatus.Publishing.Fenced f ? f.describe() : "ok");
        if (t.publishing() instanceof TrainerStatus.Publishing.Fenced f) {
            body.put("reason", f.describe() + ": run exactly one trainer per application.id");
        } else if (!feedRuns) {
            body.put("reason", "the trainer's feed of the ticks topic stopped");
        } else if (registry.down()) {
            body.put("reason", "the model registry has been unreadable for too long: " + registry.describe());
        } else if (ready && !caughtUp) {
            body.put("reason", "still reading the ticks topic");
        } else if (ready && !registry.readable()) {
            body.put("reason", registryText);
        }
        return new Probe(ok ? 200 : 503, body);
    }
}
