package io.tickcast.cli;

import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-level}: how much tickcast's own loggers and the Kafka clients' log on stderr. {@code error} leaves
 * only errors (Kafka's warnings about an unreachable broker among the silenced); {@code warn} and {@code error} apply
 * to the Kafka clients too, while {@code info} and {@code debug} apply to tickcast's loggers only (the Kafka
 * clients stay at {@code warn}: at {@code info} they log every setting of every client).
 */
enum LogLevel {
    ERROR(Level.ERROR), WARN(Level.WARN), INFO(Level.INFO), DEBUG(Level.DEBUG);

    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "state.change.logger");

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    /** Sets the loggers' levels now. */
    void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return; // another logging backend (a test harness): leave it as configured
        }
        Logger tickcast = context.getLogger("io.tickcast");
        tickcast.setLevel(level);
        Level kafka = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        KAFKA_LOGGERS.forEach(name -> context.getLogger(name).setLevel(kafka));
        if (this == ERROR) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
        }
    }

    /** Parses {@code error}, {@code warn}, {@code info}, {@code debug} (any case). */
    static LogLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-level must be error, warn, info or debug, was '" + value + "'");
        }
    }
}
