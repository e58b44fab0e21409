package io.tickcast.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.tickcast.config.TickcastConfig;

/**
 * The rule for failed stream threads: replace a failed thread, unless this failure is the {@code limit}-th within
 * {@code window} (counting it); then stop. A thread that keeps failing (a bug, a broken state store) is then
 * stopped and reported instead of replaced for ever. Failures of all stream threads of the instance count together.
 * Thread-safe: threads fail concurrently.
 */
final class ThreadFailureBudget {

    private final int limit;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ThreadFailureBudget(TickcastConfig.ThreadFailures settings) {
        this.limit = settings.limit();
        this.window = settings.window();
    }

    /**
     * Counts a failure at {@code at}.
     *
     * @return the failures within the window ending at {@code at}, this one included
     */
    synchronized int count(Instant at) {
        recent.addLast(at);
        Instant start = at.minus(window);
        while (!recent.peekFirst().isAfter(start)) {
            recent.removeFirst();
        }
        return recent.size();
    }

    /** Whether this many failures within the window stop the instance (else the failed thread is replaced). */
    boolean stops(int failures) {
        return failures >= limit;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }
}
