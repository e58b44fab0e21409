package io.tickcast.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the model registry topic (record contract): a model's bytes with what is known about it.
 * The JSON value carries {@code model} as base64; the record key is {@link #key(long)}.
 *
 * @param formatVersion layout of this record ({@link #FORMAT_VERSION}); the model bytes carry their own
 * @param promotedBy    {@code gate} (a retraining that passed the gate), {@code bootstrap} (an operator's or
 *                      the demo's initial model) or {@code rollback} (an older version published again)
 */
public record ModelRecord(
        int formatVersion,
        long version,
        Instant createdAt,
        String promotedBy,
        Architecture architecture,
        Training training,
        DataRange data,
        Validation validation,
        byte[] model) {

    public static final int FORMAT_VERSION = 1;

    public record Architecture(int window, int layers, int hidden) {
    }

    public record Training(double learningRate, int epochs, int batchSize, long seed, int examples, long durationMillis) {
    }

    /** The history the model was trained and validated on. */
    public record DataRange(int symbols, long ticks, LocalDate from, LocalDate to) {
    }

    /**
     * Errors on the time-ordered validation split, as RMSE of relative errors ((forecast - actual) / last close);
     * {@code currentRmse} is the model it replaced (NaN if there was none).
     */
    public record Validation(int windows, double rmse, double naiveRmse, double currentRmse) {

        public double ratioToNaive() {
            return rmse / naiveRmse;
        }
    }

    /** A model published by an operator or the demo rather than by the gate (no validation numbers). */
    public static ModelRecord bootstrap(io.tickcast.lstm.LstmModel model, long version, Instant at) {
        var c = model.config();
        return new ModelRecord(FORMAT_VERSION, version, at, "bootstrap", new Architecture(c.window(), c.layers(), c.hidden()),
                null, null, null, model.toBytes());
    }

    public static String key(long version) {
        return String.format("v%012d", version);
    }

    public ModelRecord withVersion(long newVersion, Instant at, String by) {
        return new ModelRecord(formatVersion, newVersion, at, by, architecture, training, data, validation, model);
    }
}
