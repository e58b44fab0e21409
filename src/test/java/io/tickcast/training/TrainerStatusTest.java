package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The trainer's status as types, from what its registry reader and writer know, and the words the probes show. */
class TrainerStatusTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void theRegistryIsReadableOnlyOnceReadToItsEndAndWhileItCanBeRead() {
        TrainerStatus.Registry reading = TrainerStatus.Registry.of("models", false, null, null, false, NOW);
        assertThat(reading.reading()).isEqualTo(TrainerStatus.Reading.STILL_READING);
        assertThat(reading.readable()).isFalse();
        assertThat(reading.down()).isFalse();
        assertThat(reading.describe()).isEqualTo("still reading the model registry models");

        TrainerStatus.Registry read = TrainerStatus.Registry.of("models", true, null, "stale error", false, NOW);
        assertThat(read.reading()).isEqualTo(TrainerStatus.Reading.READ_TO_END);
        assertThat(read.readable()).isTrue();
        assertThat(read.lastError()).as("an error is kept only while failing").isNull();

        Instant since = NOW.minusSeconds(10);
        TrainerStatus.Registry failing = TrainerStatus.Registry.of("models", true, since, "topic does not exist", false, NOW);
        assertThat(failing.reading()).as("failing after it had caught up").isEqualTo(TrainerStatus.Reading.FAILING);
        assertThat(failing.readable()).isFalse();
        assertThat(failing.describe())
                .isEqualTo("cannot read the model registry models since 2026-01-01T00:09:50Z: topic does not exist");
    }

    @Test
    void theRegistryIsDownOnceItFailedForLongerThanTheGraceOrItsReaderStopped() {
        Instant atGrace = NOW.minus(TrainerStatus.Registry.GRACE);
        assertThat(TrainerStatus.Registry.of("models", true, atGrace, "e", false, NOW).down()).isFalse();
        assertThat(TrainerStatus.Registry.of("models", true, atGrace.minus(Duration.ofMillis(1)), "e", false, NOW).down())
                .isTrue();
        TrainerStatus.Registry stopped = TrainerStatus.Registry.of("models", true, null, null, true, NOW);
        assertThat(stopped.down()).isTrue();
        assertThat(stopped.readable()).as("what it read is still the registry").isTrue();
    }

    @Test
    void aFencedTrainerSaysWhoTookOverAndWhere() {
        TrainerStatus.Publishing.Fenced fenced = new TrainerStatus.Publishing.Fenced("app-trainer", "models");
        assertThat(fenced.describe()).isEqualTo("fenced: another trainer took over the transactional id 'app-trainer' and"
                + " publishes to models; this one no longer trains or publishes");
        TrainerStatus.Feed feed = new TrainerStatus.Feed(TrainerStatus.FeedState.RUNNING, true);
        TrainerStatus.Registry registry = TrainerStatus.Registry.of("models", true, null, null, false, NOW);
        assertThat(new TrainerStatus(feed, registry, fenced).fenced()).isTrue();
        assertThat(new TrainerStatus(feed, registry, new TrainerStatus.Publishing.Allowed("app-trainer")).fenced()).isFalse();
    }
}
