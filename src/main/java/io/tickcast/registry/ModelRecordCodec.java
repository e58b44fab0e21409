package io.tickcast.registry;

import java.io.IOException;

import io.tickcast.lstm.InvalidModelException;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.records.Json;
import io.tickcast.records.ModelKind;
import io.tickcast.records.UnknownLabelException;

/**
 * JSON for {@link ModelRecord}; decoding never trusts the bytes. The record's enums ({@link PromotedBy},
 * {@link ModelKind}) are their labels in the JSON; a label this build does not know makes the record malformed.
 */
public final class ModelRecordCodec {

    private ModelRecordCodec() {
    }

    public static byte[] encode(ModelRecord record) {
        try {
            return Json.MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode model record", e);
        }
    }

    /** @throws InvalidRecordException with a short reason code and a readable message */
    public static ModelRecord decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidRecordException("tombstone", "a deleted (null) record");
        }
        ModelRecord r;
        try {
            r = Json.MAPPER.readValue(bytes, ModelRecord.class);
        } catch (IOException e) {
            UnknownLabelException label = unknownLabel(e);
            if (label == null) {
                throw new InvalidRecordException("malformed", "not a model record: "
                        + e.getMessage().lines().findFirst().orElse("unreadable"));
            }
            requireFormat(formatVersion(bytes)); // a newer format may have labels this build does not know
            throw new InvalidRecordException("malformed", label.getMessage());
        }
        requireFormat(r.formatVersion());
        if (r.version() <= 0) {
            throw new InvalidRecordException("incomplete", "record lacks a version");
        }
        if (!r.isNaive() && (r.model() == null || r.model().length == 0 || r.architecture() == null)) {
            throw new InvalidRecordException("incomplete", "record lacks an architecture or model bytes");
        }
        return r;
    }

    private static void requireFormat(int formatVersion) {
        if (formatVersion != ModelRecord.FORMAT_VERSION) {
            throw new InvalidRecordException("unsupported-format", "record format " + formatVersion
                    + " (this build reads " + ModelRecord.FORMAT_VERSION + ")");
        }
    }

    /** The format version of a record that is JSON but did not decode (0 if it names none). */
    private static int formatVersion(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes).path("formatVersion").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The label no enum of the record knows, if that is why decoding failed (else null). */
    private static UnknownLabelException unknownLabel(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownLabelException label) {
                return label;
            }
        }
        return null;
    }

    /**
     * Loads the model of an LSTM record, checking that the envelope and the bytes agree and that the window is
     * the stream's, the same way wherever a record is used (follower, trainer, rollback).
     *
     * @throws InvalidRecordException reason {@code damaged} or {@code incompatible}
     */
    public static LstmModel loadModel(ModelRecord record, LstmConfig trainingDefaults, int window) {
        LstmModel model;
        try {
            model = LstmModel.fromBytes(record.model(), trainingDefaults);
        } catch (InvalidModelException e) {
            throw new InvalidRecordException("damaged", e.getMessage());
        }
        ModelRecord.Architecture a = record.architecture();
        LstmConfig c = model.config();
        String problem = null;
        if (a.window() != c.window() || a.layers() != c.layers() || a.hidden() != c.hidden()) {
            problem = "the record says window " + a.window() + ", " + a.layers() + " layers, hidden " + a.hidden()
                    + " but its model bytes hold window " + c.window() + ", " + c.layers() + " layers, hidden " + c.hidden();
        } else if (c.window() != window) {
            problem = "window " + c.window() + " does not match the stream's window " + window + " (lstm.window-size)";
        }
        if (problem != null) {
            model.close();
            throw new InvalidRecordException("incompatible", problem);
        }
        return model;
    }

    /** Why a registry record was refused; {@link #reason()} is a bounded metric label. */
    public static final class InvalidRecordException extends RuntimeException {
        private final String reason;

        public InvalidRecordException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
