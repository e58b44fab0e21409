package io.tickcast.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Label values outside their documented set: counted as {@code other}, and logged once each. */
final class UnexpectedLabels {

    static final String OTHER = "other";

    private static final Logger LOG = LoggerFactory.getLogger(TickcastMetrics.class);

    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    /** {@code value} if {@code allowed} has it, else {@link #OTHER} (logged once). */
    String label(String what, String value, List<String> allowed) {
        if (allowed.contains(value)) {
            return value;
        }
        warnOnce(what, value);
        return OTHER;
    }

    /** Logs an unexpected label value once per kind and value. */
    void warnOnce(String what, String value) {
        if (warned.putIfAbsent(what + ":" + value, Boolean.TRUE) == null) {
            LOG.warn("metrics: unexpected {} '{}', counted as '{}'", what, value, OTHER);
        }
    }
}
