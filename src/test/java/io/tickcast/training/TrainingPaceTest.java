package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.lstm.LstmTrainer;
import org.junit.jupiter.api.Test;

/** The pause after each epoch, on a fake clock: work / (work + pauses) is the share asked for. */
class TrainingPaceTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Long> pauses = new ArrayList<>();

    private TrainingPace pace(double share) {
        return new TrainingPace(share, now::get, nanos -> {
            pauses.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void pausesSoThatWorkIsTheShareOfTheTime() {
        TrainingPace pace = pace(0.25);
        long start = now.get();
        long[] work = {40_000_000, 10_000_000, 70_000_000};
        for (int epoch = 1; epoch <= 3; epoch++) {
            now.addAndGet(work[epoch - 1]);
            pace.onEpoch(epoch, 4, 0.5);
        }
        assertThat(pauses).containsExactly(120_000_000L, 30_000_000L, 210_000_000L);
        assertThat((double) (work[0] + work[1] + work[2]) / (now.get() - start)).isEqualTo(0.25);
    }

    @Test
    void theLastEpochIsNotFollowedByAPause() {
        TrainingPace pace = pace(0.5);
        now.addAndGet(5_000_000);
        pace.onEpoch(2, 2, 0.5);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aWholeCoreNeverPausesAndNoShareIsRefused() {
        assertThat(TrainingPace.of(1.0)).isSameAs(LstmTrainer.EpochListener.NONE);
        assertThatThrownBy(() -> pace(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pace(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
