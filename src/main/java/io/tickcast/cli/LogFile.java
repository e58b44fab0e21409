package io.tickcast.cli;

import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * Sends the log (tickcast's INFO lines, the broker's and the libraries' warnings) to a file, so a command that
 * talks to the user, like the demo, owns the terminal; errors still reach the console as well.
 */
final class LogFile {

    /** The console appender logback.xml defines. */
    static final String CONSOLE_APPENDER = "STDERR";

    private LogFile() {
    }

    /** From now on, every log line goes to {@code file} (replaced) and only ERROR lines also to the console. */
    static void redirectTo(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;   // another SLF4J binding: leave its configuration alone
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> toFile = new FileAppender<>();
        toFile.setContext(context);
        toFile.setName("FILE");
        toFile.setFile(file.toString());
        toFile.setAppend(false);
        toFile.setEncoder(encoder);
        toFile.start();
        root.addAppender(toFile);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console != null) {
            ThresholdFilter errorsOnly = new ThresholdFilter();
            errorsOnly.setLevel(Level.ERROR.levelStr);
            errorsOnly.start();
            console.addFilter(errorsOnly);
        }
    }
}
