package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {

    private static final LoggerContext LOGBACK = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void asConfigured() {
        LOGBACK.getLogger("io.tickcast").setLevel(Level.INFO);
        LOGBACK.getLogger("org.apache.kafka").setLevel(Level.WARN);
        LOGBACK.getLogger("kafka").setLevel(Level.WARN);
        LOGBACK.getLogger("state.change.logger").setLevel(Level.WARN);
        LOGBACK.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }

    @Test
    void errorSilencesTickcastsAndTheKafkaClientsWarnings() {
        TickcastCli.commandLine().parseArgs("--log-level", "error", "models");
        assertThat(LOGBACK.getLogger("io.tickcast").getLevel()).isEqualTo(Level.ERROR);
        assertThat(LOGBACK.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void debugIsForTickcastsLoggersTheKafkaClientsStayAtWarn() {
        TickcastCli.commandLine().parseArgs("models", "--log-level", "DEBUG"); // inherited: after the subcommand too
        assertThat(LOGBACK.getLogger("io.tickcast").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(LOGBACK.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void anUnknownLevelIsAUsageError() {
        assertThatThrownBy(() -> TickcastCli.commandLine().parseArgs("--log-level", "loud", "models"))
                .hasMessageContaining("--log-level must be error, warn, info or debug, was 'loud'");
    }
}
