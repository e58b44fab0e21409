package io.tickcast.records;

/** Why a tick went to the dead-letter topic; the header value is {@link #code()}. */
public enum RejectReason {
    MALFORMED_JSON("malformed-json"),
    MISSING_SYMBOL("missing-symbol"),
    BAD_DATE("bad-date"),
    BAD_CLOSE("bad-close"),
    OUT_OF_ORDER("out-of-order");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
