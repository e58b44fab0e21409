package io.tickcast.registry;

import java.io.IOException;

import io.tickcast.records.Json;

/** JSON for {@link ModelRecord}; decoding never trusts the bytes. */
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
            throw new InvalidRecordException("malformed", "not a model record: " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (r.formatVersion() != ModelRecord.FORMAT_VERSION) {
            throw new InvalidRecordException("unsupported-format", "record format " + r.formatVersion()
                    + " (this build reads " + ModelRecord.FORMAT_VERSION + ")");
        }
        if (r.version() <= 0 || r.model() == null || r.model().length == 0 || r.architecture() == null) {
            throw new InvalidRecordException("incomplete", "record lacks a version, architecture or model bytes");
        }
        return r;
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
