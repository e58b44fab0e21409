package io.tickcast.training;

import java.time.Duration;

/**
 * When the trainer retrains: at once when no model exists anywhere and there is history it has not tried
 * yet; otherwise after {@code everyTicks} new ticks, or once {@code interval} has passed since the last
 * attempt if any tick arrived since (a retraining on unchanged history would only repeat the last one).
 * Zero switches a trigger off.
 */
public record RetrainSchedule(Duration interval, long everyTicks) {

    /**
     * @param modelExists     a model is in the registry
     * @param attempted       this trainer has tried a training since it started
     * @param freshTicks      ticks read since the last attempt (or since start)
     * @param sinceLastAttempt time since the last attempt (or since start)
     */
    public boolean due(boolean modelExists, boolean attempted, long freshTicks, Duration sinceLastAttempt) {
        if (freshTicks == 0) {
            return false;
        }
        if (!modelExists && !attempted) {
            return true;
        }
        if (everyTicks > 0 && freshTicks >= everyTicks) {
            return true;
        }
        return !interval.isZero() && sinceLastAttempt.compareTo(interval) >= 0;
    }
}
