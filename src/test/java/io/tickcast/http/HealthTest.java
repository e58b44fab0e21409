package io.tickcast.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.tickcast.training.TrainerStatus;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** The probe rules for every state of the Kafka Streams client. */
class HealthTest {

    @Test
    void liveUnlessTheClientFailedOrIsShutDown() {
        assertThat(Health.live(null).status()).as("not attached yet: starting").isEqualTo(200);
        for (State s : State.values()) {
            boolean expected = s == State.CREATED || s == State.REBALANCING || s == State.RUNNING;
            Health.Probe p = Health.live(s);
            assertThat(p.ok()).as(s.name()).isEqualTo(expected);
            assertThat(p.status()).as(s.name()).isEqualTo(expected ? 200 : 503);
            assertThat(p.body()).containsEntry("state", s.name()).containsEntry("status", expected ? "UP" : "DOWN");
        }
        assertThat(Health.live(State.ERROR).body().get("reason")).asString().contains("failed");
        assertThat(Health.live(State.NOT_RUNNING).body().get("reason")).asString().contains("shut down");
    }

    @Test
    void readyOnlyWhenRunningWithTopicsAndAForecaster() {
        for (State s : State.values()) {
            Health.Probe p = Health.ready(s, false, List.of(), null, "naive fallback");
            assertThat(p.ok()).as(s.name()).isEqualTo(s == State.RUNNING);
            if (s != State.RUNNING) {
                assertThat(p.body().get("reasons")).asString().contains(s.name() + ", not RUNNING");
            }
        }
        Health.Probe ready = Health.ready(State.RUNNING, false, List.of(), null, "lstm v3");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).containsEntry("status", "READY").containsEntry("forecaster", "lstm v3")
                .containsEntry("topics", "ok").doesNotContainKey("reasons");

        Health.Probe noClient = Health.ready(null, false, List.of(), null, "naive fallback");
        assertThat(noClient.status()).isEqualTo(503);
        assertThat(noClient.body()).containsEntry("state", "STARTING");

        Health.Probe missing = Health.ready(State.RUNNING, false, List.of("ticks", "ticks-dlq"), null, "naive fallback");
        assertThat(missing.status()).isEqualTo(503);
        assertThat(missing.body()).containsEntry("status", "NOT_READY").containsEntry("topics", "missing ticks, ticks-dlq");
        assertThat(missing.body()).containsEntry("reasons", List.of("topics do not exist: ticks, ticks-dlq"));

        Health.Probe unreachable = Health.ready(State.RUNNING, false, null, "no answer from Kafka within 2000 ms", "naive fallback");
        assertThat(unreachable.status()).isEqualTo(503);
        assertThat(unreachable.body()).containsEntry("reasons", List.of("cannot check the topics: no answer from Kafka within 2000 ms"));

        Health.Probe noForecaster = Health.ready(State.RUNNING, false, List.of(), null, null);
        assertThat(noForecaster.status()).isEqualTo(503);
        assertThat(noForecaster.body()).containsEntry("reasons", List.of("no model and no naive fallback in place"));
    }

    @Test
    void aRebalanceAfterTheFirstRunKeepsAnInstanceReadyAndNothingElseDoes() {
        for (State s : State.values()) {
            Health.Probe p = Health.ready(s, true, List.of(), null, "naive fallback");
            assertThat(p.ok()).as(s.name()).isEqualTo(s == State.RUNNING || s == State.REBALANCING);
        }
        Health.Probe firstRebalance = Health.ready(State.REBALANCING, false, List.of(), null, "naive fallback");
        assertThat(firstRebalance.status()).isEqualTo(503);
        assertThat(firstRebalance.body().get("reasons")).asString().contains("REBALANCING, not RUNNING (it has not run since it started)");
        Health.Probe rebalancing = Health.ready(State.REBALANCING, true, List.of(), null, "lstm v3");
        assertThat(rebalancing.body()).containsEntry("status", "READY").containsEntry("state", "REBALANCING");
        assertThat(Health.ready(State.REBALANCING, true, List.of("ticks"), null, "lstm v3").status())
                .as("missing topics still make it unready").isEqualTo(503);
    }

    @Test
    void theTrainerRoleIsLiveWhileItsFeedRunsAndReadyOnceItHasReadTheTicks() {
        assertThat(trainer(true, false, false, false, false).status()).as("live while reading").isEqualTo(200);
        assertThat(trainer(false, true, false, false, false).status()).as("feed stopped: not live").isEqualTo(503);
        Health.Probe reading = trainer(true, false, false, false, true);
        assertThat(reading.status()).isEqualTo(503);
        assertThat(reading.body()).containsEntry("status", "NOT_READY").containsEntry("role", "trainer");
        assertThat(reading.body().get("reason")).asString().contains("still reading");
        Health.Probe caughtUp = trainer(true, true, false, false, true);
        assertThat(caughtUp.status()).isEqualTo(200);
        assertThat(caughtUp.body()).containsEntry("status", "READY").containsEntry("history", "caught up")
                .doesNotContainKey("reason");
        assertThat(trainer(false, true, false, false, true).status()).as("feed stopped: not ready").isEqualTo(503);
    }

    @Test
    void theTrainerIsNotReadyWhileItCannotReadTheRegistryAndNotLiveOnceThatLastsTooLong() {
        String problem = "cannot read the model registry tickcast-models since 2026-01-01T00:00:00Z: topic does not exist";
        Health.Probe ready = trainer(true, true, true, false, true);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).containsEntry("registry", problem).containsEntry("reason", problem);
        assertThat(trainer(true, true, true, false, false).status()).as("live within the grace period").isEqualTo(200);
        Health.Probe down = trainer(true, true, true, true, false);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().get("reason")).asString().contains("unreadable for too long", "topic does not exist");
    }

    @Test
    void theTrainerIsLiveOnlyWhileItsFeedRunsAndNotReadyWhileItStillReadsTheRegistry() {
        TrainerStatus.Registry read = new TrainerStatus.Registry("tickcast-models", TrainerStatus.Reading.READ_TO_END,
                null, null, false);
        TrainerStatus.Publishing allowed = new TrainerStatus.Publishing.Allowed("tickcast-trainer");
        for (TrainerStatus.FeedState state : TrainerStatus.FeedState.values()) {
            Health.Probe live = Health.trainer(new TrainerStatus(new TrainerStatus.Feed(state, true), read, allowed), false);
            assertThat(live.ok()).as(state.name()).isEqualTo(state == TrainerStatus.FeedState.RUNNING);
        }
        TrainerStatus.Registry reading = new TrainerStatus.Registry("tickcast-models", TrainerStatus.Reading.STILL_READING,
                null, null, false);
        TrainerStatus t = new TrainerStatus(new TrainerStatus.Feed(TrainerStatus.FeedState.RUNNING, true), reading, allowed);
        assertThat(Health.trainer(t, false).status()).isEqualTo(200);
        Health.Probe notReady = Health.trainer(t, true);
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body()).containsEntry("registry", "still reading the model registry tickcast-models")
                .containsEntry("reason", "still reading the model registry tickcast-models");
    }

    /**
     * The trainer's probe for a trainer that was not fenced; a failing registry reader has failed since
     * 2026-01-01T00:00:00Z with "topic does not exist".
     */
    private static Health.Probe trainer(boolean feedAlive, boolean caughtUp, boolean registryFailing, boolean registryDown,
                                        boolean ready) {
        return Health.trainer(status(feedAlive, caughtUp, registryFailing, registryDown,
                new TrainerStatus.Publishing.Allowed("tickcast-trainer")), ready);
    }

    private static TrainerStatus status(boolean feedAlive, boolean caughtUp, boolean registryFailing, boolean registryDown,
                                        TrainerStatus.Publishing publishing) {
        TrainerStatus.Registry registry = registryFailing
                ? new TrainerStatus.Registry("tickcast-models", TrainerStatus.Reading.FAILING,
                        Instant.parse("2026-01-01T00:00:00Z"), "topic does not exist", registryDown)
                : new TrainerStatus.Registry("tickcast-models", TrainerStatus.Reading.READ_TO_END, null, null, registryDown);
        return new TrainerStatus(new TrainerStatus.Feed(feedAlive ? TrainerStatus.FeedState.RUNNING
                : TrainerStatus.FeedState.FAILED, caughtUp), registry, publishing);
    }

    @Test
    void aFencedTrainerIsNeitherLiveNorReadyAndSaysWhy() {
        String fenced = "fenced: another trainer took over the transactional id 'tickcast-trainer' and publishes to"
                + " tickcast-models; this one no longer trains or publishes";
        TrainerStatus fencedTrainer = status(true, true, false, false,
                new TrainerStatus.Publishing.Fenced("tickcast-trainer", "tickcast-models"));
        Health.Probe live = Health.trainer(fencedTrainer, false);
        assertThat(live.status()).isEqualTo(503);
        assertThat(live.body()).containsEntry("status", "DOWN").containsEntry("publishing", fenced);
        assertThat(live.body().get("reason")).asString().contains("tickcast-trainer", "run exactly one trainer");
        assertThat(Health.trainer(fencedTrainer, true).status()).isEqualTo(503);
        assertThat(trainer(true, true, false, false, false).body()).containsEntry("publishing", "ok");
    }

    @Test
    void aStoppedBackgroundPartMakesTheProcessNotLive() {
        assertThat(Health.live(State.RUNNING, List.of()).status()).isEqualTo(200);
        Health.Probe p = Health.live(State.RUNNING, List.of("model follower (new models are not picked up)"));
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.body()).containsEntry("status", "DOWN").containsEntry("state", "RUNNING");
        assertThat(p.body().get("reason")).asString().contains("stopped: model follower");
        // a client that is already down keeps its own reason
        assertThat(Health.live(State.ERROR, List.of("trainer feed")).body().get("reason")).asString().contains("failed");
    }
}
