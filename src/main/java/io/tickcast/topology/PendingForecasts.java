package io.tickcast.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's ticks waiting for their forecast ({@link PendingForecast}), in arrival order: a copy in memory for
 * speed, and the changelogged store that makes them survive a crash. An entry is written in the same transaction
 * as the window update of its tick and removed in the same transaction as the forecast that answers it, so after a
 * kill the restored store holds exactly the ticks whose forecast had not been committed.
 */
final class PendingForecasts {

    /**
     * A tick waiting for its forecast: its mark, and the window to forecast from (the one in the window store: it
     * cannot change while the tick waits, since the symbol's next tick sends the forecast first).
     */
    record Waiting(String symbol, PendingForecast mark, PriceWindow window) {
    }

    private final KeyValueStore<String, PendingForecast> store;
    private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
    private long nextSeq;

    /**
     * Reads what the store holds (after a restart: the ticks left without a forecast), oldest first, each with its
     * symbol's window from {@code windows} (the window store).
     */
    PendingForecasts(KeyValueStore<String, PendingForecast> store, Function<String, PriceWindow> windows) {
        this.store = store;
        List<KeyValue<String, PendingForecast>> restored = new ArrayList<>();
        try (KeyValueIterator<String, PendingForecast> all = store.all()) {
            all.forEachRemaining(restored::add);
        }
        restored.sort(Comparator.comparingLong(kv -> kv.value.seq()));
        for (KeyValue<String, PendingForecast> kv : restored) {
            waiting.put(kv.key, new Waiting(kv.key, kv.value, windows.apply(kv.key)));
            nextSeq = Math.max(nextSeq, kv.value.seq() + 1);
        }
    }

    boolean contains(String symbol) {
        return waiting.containsKey(symbol);
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Marks {@code symbol}'s newest tick, which made {@code window}, as waiting for its forecast. */
    void add(String symbol, PriceWindow window, long timestamp, Headers headers, byte[] tick) {
        PendingForecast p = PendingForecast.of(nextSeq++, timestamp, headers, tick);
        store.put(symbol, p);
        waiting.put(symbol, new Waiting(symbol, p, window));
    }

    /** The waiting ticks, oldest first (a copy: {@link #done} may be called while going through it). */
    List<Waiting> inOrder() {
        return new ArrayList<>(waiting.values());
    }

    /** {@code symbol}'s forecast has gone out. */
    void done(String symbol) {
        store.delete(symbol);
        waiting.remove(symbol);
        if (waiting.isEmpty()) {
            nextSeq = 0;
        }
    }
}
