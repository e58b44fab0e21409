package io.tickcast.training;

import java.util.function.LongSupplier;

import io.tickcast.lstm.LstmTrainer;

/**
 * Holds a training to a share of one core ({@code trainer.cpu-share}): after each epoch it pauses for as long as
 * the epoch's work took times {@code (1 - share) / share}, so work / (work + pauses) = share. A stream in the same
 * process (role {@code all}) then gets the core back for part of every ~50 ms, where an unpaced training holds it
 * from start to end. Share 1 never pauses. Pausing changes when the epochs run, never what they compute.
 */
public final class TrainingPace implements LstmTrainer.EpochListener {

    /** Sleeps for a number of nanoseconds (the real one: {@link Thread#sleep}). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double share;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long workStarted;

    TrainingPace(double share, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("cpu share must be in (0, 1], was " + share);
        }
        this.share = share;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.workStarted = nanoTime.getAsLong();
    }

    /** A pace for a training that starts now; {@link LstmTrainer.EpochListener#NONE} for share 1. */
    public static LstmTrainer.EpochListener of(double share) {
        return share >= 1 ? LstmTrainer.EpochListener.NONE
                : new TrainingPace(share, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    @Override
    public void onEpoch(int epoch, int epochs, double loss) {
        long worked = nanoTime.getAsLong() - workStarted;
        long pause = (long) (worked * (1 - share) / share);
        if (pause > 0 && epoch < epochs) {
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the training goes on unpaced; whoever interrupted decides
            }
        }
        workStarted = nanoTime.getAsLong();
    }
}
