package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class StallNoteTest {

    /** A progress that records its notes. */
    private static final class Notes implements ConsoleProgress.Progress {
        final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public void stepTo(long done) {
        }

        @Override
        public void note(String note) {
            notes.add(note);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void saysItIsWaitingOnceTheCountStallsAndClearsItWhenItMoves() {
        Notes progress = new Notes();
        try (StallNote stall = new StallNote(progress, "waiting for the cluster", Duration.ofMillis(300))) {
            stall.moved(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.notes.contains("waiting for the cluster"));
            stall.moved(10); // the same count is no move
            assertThat(progress.notes).containsExactly("waiting for the cluster");
            stall.moved(11);
            assertThat(progress.notes).containsExactly("waiting for the cluster", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.notes.size() == 3);
            assertThat(progress.notes.get(2)).as("stalled again").isEqualTo("waiting for the cluster");
        }
    }
}
