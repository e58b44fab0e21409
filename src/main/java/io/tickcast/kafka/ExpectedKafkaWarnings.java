package io.tickcast.kafka;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the two Kafka {@code NetworkClient} warnings that every normal run logs and that say nothing is wrong:
 * metadata reporting {@code UNKNOWN_TOPIC_OR_PARTITION} only for Kafka Streams' own repartition and changelog
 * topics (they exist once the stream has created them at start-up), and the in-process broker's controller
 * channel being closed twice when it shuts down. Every other client warning passes, including that error for
 * any other topic.
 */
public final class ExpectedKafkaWarnings extends Filter<ILoggingEvent> {

    static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

    private static final Pattern REPORTED = Pattern.compile("\\{([^}]*)}");
    private static final Pattern INTERNAL_TOPIC_UNKNOWN =
            Pattern.compile("\\s*[^=,\\s]+-(repartition|changelog)=UNKNOWN_TOPIC_OR_PARTITION\\s*");
    private static final Pattern BROKER_CHANNEL_CLOSED_TWICE = Pattern.compile(
            "\\[NodeToControllerChannelManager [^]]*] Attempting to close NetworkClient that has already been closed\\.");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().equals(NETWORK_CLIENT)) {
            return FilterReply.NEUTRAL;
        }
        String message = event.getFormattedMessage();
        return onlyInternalTopicsUnknown(message) || BROKER_CHANNEL_CLOSED_TWICE.matcher(message).matches()
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean onlyInternalTopicsUnknown(String message) {
        Matcher m = REPORTED.matcher(message);
        if (!message.contains("UNKNOWN_TOPIC_OR_PARTITION") || !m.find()) {
            return false;
        }
        for (String entry : m.group(1).split(",")) {
            if (!INTERNAL_TOPIC_UNKNOWN.matcher(entry).matches()) {
                return false;
            }
        }
        return true;
    }
}
