package io.tickcast.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Folds Kafka's {@code NetworkClient} warnings "Connection to node N (ADDRESS) could not be established" and
 * "Bootstrap broker ADDRESS (id: ...) disconnected", which a client logs on every reconnect attempt while a broker is
 * away (about once a second, and more at first): per address the first passes,
 * then at most one a minute, and the others are counted. {@link #summary()} says how many attempts to which
 * addresses failed, for the one-line error a command prints when it gives up, so that the cause comes first and the
 * terminal is not filled with the same line. Every other warning passes.
 */
public final class UnreachableBrokerWarnings extends Filter<ILoggingEvent> {

    private static final Pattern UNREACHABLE = Pattern.compile(
            "Connection to node -?\\d+ \\(([^)]*)\\) could not be established\\..*"
                    + "|Bootstrap broker (\\S+) \\(id: [^)]*\\) disconnected");
    private static final long REPEAT_NANOS = 60_000_000_000L;

    /** What the filter logback installs has counted, for {@link #summary()}. */
    private static final Attempts SEEN = new Attempts();

    /** Per address: failed attempts seen, and when one last passed. */
    static final class Attempts {
        private final Map<String, long[]> byAddress = new ConcurrentHashMap<>();

        /** True when {@code message} is a repeat of an unreachable-broker warning to fold away. */
        boolean fold(String message, long nowNanos) {
            Matcher m = UNREACHABLE.matcher(message.replaceFirst("^\\[[^]]*] ", ""));
            if (!m.matches()) {
                return false;
            }
            String address = (m.group(1) != null ? m.group(1) : m.group(2)).replaceFirst("^/", "");
            long[] seen = byAddress.computeIfAbsent(address, a -> new long[] {0, 0});
            synchronized (seen) {
                seen[0]++;
                if (seen[0] == 1 || nowNanos - seen[1] >= REPEAT_NANOS) {
                    seen[1] = nowNanos;
                    return false;
                }
                return true;
            }
        }

        String summary() {
            if (byAddress.isEmpty()) {
                return null;
            }
            return "Kafka clients failed " + byAddress.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getValue()[0] + " connection attempt" + (e.getValue()[0] == 1 ? "" : "s") + " to "
                            + e.getKey()).collect(Collectors.joining(", ")) + "; repeats of that warning were not shown";
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().equals(ExpectedKafkaWarnings.NETWORK_CLIENT)) {
            return FilterReply.NEUTRAL;
        }
        return SEEN.fold(event.getFormattedMessage(), System.nanoTime()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /**
     * The failed connection attempts so far, in one line, e.g. {@code "Kafka clients failed 19 connection attempts
     * to 127.0.0.1:1; repeats of that warning were not shown"}; null if none.
     */
    public static String summary() {
        return SEEN.summary();
    }
}
