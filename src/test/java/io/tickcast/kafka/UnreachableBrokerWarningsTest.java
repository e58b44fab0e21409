package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnreachableBrokerWarningsTest {

    private static final String ATTEMPT = "[AdminClient clientId=tickcast-cluster-check] Connection to node -1 "
            + "(/127.0.0.1:1) could not be established. Node may not be available.";

    /** A counter of its own: the filter logback installs counts what other tests' clients log. */
    private final UnreachableBrokerWarnings.Attempts attempts = new UnreachableBrokerWarnings.Attempts();

    @Test
    void theFirstAttemptPerAddressPassesThenOneAMinuteAndTheRestAreCounted() {
        long t = 1_000_000_000L;
        assertThat(attempts.summary()).isNull();
        assertThat(attempts.fold(ATTEMPT, t)).as("the first passes").isFalse();
        for (int i = 1; i < 19; i++) {
            assertThat(attempts.fold(ATTEMPT, t + i * 500_000_000L)).as("repeat " + i).isTrue();
        }
        assertThat(attempts.fold(ATTEMPT.replace("/127.0.0.1:1", "broker-2/10.0.0.2:9092"), t))
                .as("another address's first").isFalse();
        assertThat(attempts.fold(ATTEMPT, t + 61_000_000_000L)).as("a minute later").isFalse();
        assertThat(attempts.fold("[Producer clientId=producer-1] Bootstrap broker 127.0.0.1:1 (id: -1 "
                + "rack: null isFenced: false) disconnected", t + 62_000_000_000L)).as("the other form, same address")
                .isTrue();
        assertThat(attempts.summary()).isEqualTo("Kafka clients failed 21 connection attempts to "
                + "127.0.0.1:1, 1 connection attempt to broker-2/10.0.0.2:9092; repeats of that warning were not shown");
    }

    @Test
    void otherWarningsAreNotFolded() {
        assertThat(attempts.fold("[Producer clientId=p] Error while fetching metadata with correlation "
                + "id 5 : {ticks=UNKNOWN_TOPIC_OR_PARTITION}", 0)).isFalse();
        assertThat(attempts.fold("[Producer clientId=p] Error while fetching metadata with correlation "
                + "id 6 : {ticks=UNKNOWN_TOPIC_OR_PARTITION}", 1)).isFalse();
        assertThat(attempts.summary()).isNull();
    }
}
