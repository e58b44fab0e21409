package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The running trainer's schedule: the rule of {@link RetrainSchedule}, and what the attempts and the trainer add. */
class TrainingScheduleTest {

    /** A clock a test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final TrainingSchedule schedule = new TrainingSchedule(new RetrainSchedule(Duration.ofHours(1), 100), clock);

    @Test
    void withoutAModelTheFirstTickStartsATrainingAndThenTheRuleApplies() {
        schedule.started();
        assertThat(schedule.due(false, false, false)).as("nothing read").isFalse();
        schedule.tickRead();
        assertThat(schedule.due(false, false, false)).isTrue();
        schedule.trainingStarts();
        schedule.attemptEnded(null); // say, skipped for too little history
        schedule.tickRead();
        assertThat(schedule.due(false, false, false)).as("tried once: the usual triggers").isFalse();
        for (int i = 1; i < 100; i++) {
            schedule.tickRead();
        }
        assertThat(schedule.due(true, false, false)).as("100 fresh ticks").isTrue();
    }

    @Test
    void theIntervalCountsFromTheStartAndFromEachTraining() {
        clock.advance(Duration.ofHours(5)); // built long before it starts
        schedule.started();
        schedule.trainingStarts();
        schedule.attemptEnded(null);
        schedule.tickRead();
        clock.advance(Duration.ofMinutes(59));
        assertThat(schedule.due(true, false, false)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.due(true, false, false)).isTrue();
        schedule.trainingStarts();
        assertThat(schedule.due(true, false, false)).as("no fresh ticks since the training started").isFalse();
    }

    @Test
    void nothingStartsWhileATrainingRunsOrOnceFenced() {
        schedule.started();
        schedule.tickRead();
        assertThat(schedule.due(false, true, false)).as("a training runs").isFalse();
        assertThat(schedule.due(false, false, true)).as("fenced").isFalse();
        assertThat(schedule.due(false, false, false)).isTrue();
    }

    @Test
    void anAttemptThatCouldNotReadTheRegistryIsRetriedAfterAPauseWithoutFreshTicks() {
        schedule.started();
        schedule.attemptEnded(TrainingSchedule.Failure.REGISTRY_UNREADABLE);
        schedule.registryUnreadable();
        assertThat(schedule.due(true, false, false)).as("within the pause").isFalse();
        clock.advance(TrainingSchedule.REGISTRY_RETRY);
        assertThat(schedule.due(true, false, false)).as("retried, though no tick is fresh").isTrue();
        schedule.attemptEnded(null);
        assertThat(schedule.due(true, false, false)).as("once it trained, the rule again").isFalse();
    }

    @Test
    void aCandidateNotPublishedIsNotRetriedAtOnce() {
        schedule.started();
        schedule.trainingStarts();
        schedule.registryUnreadable();
        schedule.attemptEnded(TrainingSchedule.Failure.NOT_PUBLISHED);
        clock.advance(TrainingSchedule.REGISTRY_RETRY);
        assertThat(schedule.due(true, false, false)).isFalse();
        schedule.attemptEnded(TrainingSchedule.Failure.THREW);
        schedule.tickRead();
        clock.advance(Duration.ofHours(1));
        assertThat(schedule.due(true, false, false)).as("the interval with a fresh tick").isTrue();
    }
}
