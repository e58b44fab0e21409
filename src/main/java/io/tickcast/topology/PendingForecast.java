package io.tickcast.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A tick whose window is full and whose forecast has not gone out yet: the value of the pending-forecasts store,
 * keyed by symbol (a symbol has at most one; its next tick forecasts it first). The window itself is in the window
 * store; this keeps what the forecast record needs besides it.
 *
 * @param seq       arrival order among the task's pending ticks (forecasts of one batch go out in this order)
 * @param timestamp the tick record's timestamp, given to its forecast record
 * @param headers   the tick record's headers, given to its forecast record
 * @param tick      the tick's bytes as read, for its dead letter should forecasting it throw
 */
record PendingForecast(long seq, long timestamp, List<Header> headers, byte[] tick) {

    /** One record header; the value's bytes travel as base64 in the store's JSON. */
    record Header(String key, byte[] value) {
    }

    PendingForecast {
        headers = headers == null ? List.of() : List.copyOf(headers);
        tick = tick == null ? new byte[0] : tick;
    }

    static PendingForecast of(long seq, long timestamp, Headers headers, byte[] tick) {
        List<Header> copy = new ArrayList<>();
        headers.forEach(h -> copy.add(new Header(h.key(), h.value())));
        return new PendingForecast(seq, timestamp, copy, tick);
    }

    Headers recordHeaders() {
        RecordHeaders out = new RecordHeaders();
        headers.forEach(h -> out.add(h.key(), h.value()));
        return out;
    }
}
