package io.tickcast.records;

/**
 * Why a tick went to the dead-letter topic; the header value and the metrics' {@code reason} label is
 * {@link #code()}. The set is fixed, so the label is bounded. A tick with several problems gets the first
 * reason in this order (the last, {@link #PROCESSING_ERROR}, is no rule of the parser).
 */
public enum RejectReason {
    /** Larger than {@link TickLimits#MAX_BYTES}; not parsed at all. */
    TOO_LARGE("too-large"),
    /** Empty, not UTF-8, not JSON, not one JSON object (e.g. trailing content), or a duplicate field name. */
    MALFORMED_JSON("malformed-json"),
    /** A field other than {@link TickLimits#FIELDS}. */
    UNKNOWN_FIELD("unknown-field"),
    /** No symbol, null, or an empty or blank string. */
    MISSING_SYMBOL("missing-symbol"),
    /** A symbol that is not a string, is too long, or has a character outside the allowed set. */
    BAD_SYMBOL("bad-symbol"),
    BAD_DATE("bad-date"),
    BAD_CLOSE("bad-close"),
    BAD_OPEN("bad-open"),
    BAD_HIGH("bad-high"),
    BAD_LOW("bad-low"),
    BAD_VOLUME("bad-volume"),
    /** Valid, but older than the newest day of its symbol's window and not a correction of a day in it. */
    OUT_OF_ORDER("out-of-order"),
    /**
     * Not a tick rule: processing the tick threw (a bug, or data no rule foresaw). The tick is dead-lettered and the
     * stream goes on with the next one (see {@code io.tickcast.topology.PoisonRecordHandler}).
     */
    PROCESSING_ERROR("processing-error");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
