package io.tickcast.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says on a progress bar that a command is waiting, and for what, once its count has not moved for {@code stall}
 * (for {@code produce}: no tick acknowledged during a broker restart or a leader move), and clears it when the count
 * moves again.
 */
final class StallNote implements AutoCloseable {

    private final ConsoleProgress.Progress progress;
    private final String note;
    private final long stallNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tickcast-stall-note");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastMove = System.nanoTime();
    private volatile long done = -1;
    private volatile boolean shown;

    StallNote(ConsoleProgress.Progress progress, String note, Duration stall) {
        this.progress = progress;
        this.note = note;
        this.stallNanos = stall.toNanos();
        long period = Math.max(50, stall.toMillis() / 3);
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** The count is now {@code nowDone}: a change clears the note. */
    void moved(long nowDone) {
        if (nowDone != done) {
            done = nowDone;
            lastMove = System.nanoTime();
            if (shown) {
                shown = false;
                progress.note("");
            }
        }
    }

    private void check() {
        if (!shown && System.nanoTime() - lastMove >= stallNanos) {
            shown = true;
            progress.note(note);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
