package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml lets Kafka client warnings through, except two that every normal run logs. */
class KafkaClientLoggingTest {

    private static final LoggerContext LOGGING = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void kafkaClientWarningsAreLogged() {
        for (String client : List.of("org.apache.kafka.clients.NetworkClient", "org.apache.kafka.clients.producer.internals.Sender",
                "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "org.apache.kafka.clients.admin.KafkaAdminClient",
                "org.apache.kafka.common.network.Selector")) {
            assertThat(LOGGING.getLogger(client).isEnabledFor(Level.WARN)).as(client).isTrue();
        }
    }

    @Test
    void onlyUnknownInternalTopicsAtStartUpAreDropped() {
        assertThat(decision("[Consumer clientId=app-StreamThread-1-consumer, groupId=app] The metadata response from the cluster "
                + "reported a recoverable issue with correlation id 2 : {app-ticks-by-symbol-repartition=UNKNOWN_TOPIC_OR_PARTITION}"))
                .isEqualTo(FilterReply.DENY);
        assertThat(decision("... recoverable issue with correlation id 3 : {app-price-windows-changelog=UNKNOWN_TOPIC_OR_PARTITION, "
                + "app-ticks-by-symbol-repartition=UNKNOWN_TOPIC_OR_PARTITION}")).isEqualTo(FilterReply.DENY);
        assertThat(decision("... recoverable issue with correlation id 4 : {ticks=UNKNOWN_TOPIC_OR_PARTITION}"))
                .isNotEqualTo(FilterReply.DENY);
        assertThat(decision("... recoverable issue with correlation id 5 : {app-x-repartition=UNKNOWN_TOPIC_OR_PARTITION, "
                + "ticks=UNKNOWN_TOPIC_OR_PARTITION}")).isNotEqualTo(FilterReply.DENY);
        assertThat(decision("[Producer clientId=producer-1] Connection to node -1 (/127.0.0.1:9092) could not be established. "
                + "Node may not be available.")).isNotEqualTo(FilterReply.DENY);
    }

    @Test
    void theInProcessBrokerClosingItsControllerChannelTwiceIsDropped() {
        assertThat(decision("[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that "
                + "has already been closed.")).isEqualTo(FilterReply.DENY);
        assertThat(decision("[Producer clientId=producer-1] Attempting to close NetworkClient that has already been closed."))
                .isNotEqualTo(FilterReply.DENY);
    }

    /** What the console appender's filters decide for a NetworkClient warning with this message. */
    private static FilterReply decision(String message) {
        Logger networkClient = LOGGING.getLogger(ExpectedKafkaWarnings.NETWORK_CLIENT);
        ILoggingEvent event = new LoggingEvent(Logger.class.getName(), networkClient, Level.WARN, message, null, null);
        Appender<ILoggingEvent> console = LOGGING.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        return ((UnsynchronizedAppenderBase<ILoggingEvent>) console).getFilterChainDecision(event);
    }
}
