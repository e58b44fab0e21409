package io.tickcast.records;

/** The outcome of parsing untrusted tick bytes: a valid tick, or the reason and a readable detail. */
public record ParsedTick(Tick tick, RejectReason reason, String detail) {

    static ParsedTick valid(Tick tick) {
        return new ParsedTick(tick, null, null);
    }

    static ParsedTick invalid(RejectReason reason, String detail) {
        return new ParsedTick(null, reason, detail);
    }

    public boolean isValid() {
        return tick != null;
    }
}
