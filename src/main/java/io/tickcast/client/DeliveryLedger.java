package io.tickcast.client;

import java.util.BitSet;

/**
 * Which of the records sent in one run the cluster has acknowledged, and the first failure. The producer's
 * callbacks record outcomes on its I/O thread; the sending thread reads them. Thread-safe.
 */
final class DeliveryLedger {

    private final BitSet acknowledged = new BitSet();
    private int prefix;
    private Exception failure;

    synchronized void acknowledged(int index) {
        acknowledged.set(index);
        prefix = acknowledged.nextClearBit(prefix);
    }

    synchronized void failed(Exception e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** How many records from the first on are all acknowledged: the records known to be published, in order. */
    synchronized int acknowledgedPrefix() {
        return prefix;
    }

    /** Acknowledged records in all, including ones after a gap. */
    synchronized int acknowledgedCount() {
        return acknowledged.cardinality();
    }

    synchronized boolean hasFailed() {
        return failure != null;
    }

    /** The first failure recorded, or null. */
    synchronized Exception failure() {
        return failure;
    }
}
