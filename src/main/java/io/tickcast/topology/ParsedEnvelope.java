package io.tickcast.topology;

import io.tickcast.records.ParsedTick;

/** A tick's original bytes with the result of parsing them. */
record ParsedEnvelope(byte[] original, ParsedTick parsed) {

    DeadLetter toDeadLetter() {
        return new DeadLetter(original, parsed.reason(), parsed.detail());
    }
}
