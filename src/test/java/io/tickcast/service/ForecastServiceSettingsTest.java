package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.config.TickcastConfig;
import io.tickcast.topology.ModelSlot;
import io.tickcast.topology.PoisonRecordHandler;
import io.tickcast.topology.StreamEvents;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The Kafka Streams settings the service runs with, without a broker (the client is built, never started). */
class ForecastServiceSettingsTest {

    @TempDir
    Path stateDir;

    private TickcastConfig config() {
        return TickcastConfig.defaults().withBootstrapServers("127.0.0.1:1").withStateDir(stateDir.toString());
    }

    @Test
    void processingExceptionsGoToThePoisonRecordHandler() {
        StreamsConfig streams = new StreamsConfig(ForecastService.streamsProperties(config(), StreamEvents.NONE));
        assertThat(streams.processingExceptionHandler()).isInstanceOf(PoisonRecordHandler.class);
        assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void buildingTheClientLogsNoWarning() {
        Logger kafkaStreamsConfig = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        kafkaStreamsConfig.addAppender(logged);
        try (ForecastService service = new ForecastService(config(), new ModelSlot(5), StreamEvents.NONE, Clock.systemUTC())) {
            assertThat(service.streams().metadataForLocalThreads()).hasSize(1);
        } finally {
            kafkaStreamsConfig.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .as("e.g. the advice to set processing.exception.handler.global.enabled").isEmpty();
    }
}
