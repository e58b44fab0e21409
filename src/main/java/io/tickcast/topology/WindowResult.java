package io.tickcast.topology;

import io.tickcast.records.Forecast;

/** What the window step emits for one tick: a forecast, a dead letter, or neither (window not yet full). */
record WindowResult(Forecast forecast, DeadLetter deadLetter) {

    static WindowResult of(Forecast forecast) {
        return new WindowResult(forecast, null);
    }

    static WindowResult of(DeadLetter deadLetter) {
        return new WindowResult(null, deadLetter);
    }
}
