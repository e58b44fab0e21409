package io.tickcast.service;

/** What a tickcast process runs. */
public enum Role {
    /** The forecasting stream and the trainer in one process (the default; the demo). */
    ALL,
    /** Only the forecasting stream; models come from the registry topic. */
    STREAM,
    /** Only the trainer; run exactly one. */
    TRAINER;

    public boolean runsStream() {
        return this != TRAINER;
    }

    public boolean runsTrainer() {
        return this != STREAM;
    }
}
