package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serving.ModelSlot;
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
    void failoverDefaultsAStandbyCopyAndASixSecondSessionWhichKafkaSettingsOverride() {
        StreamsConfig streams = new StreamsConfig(ForecastService.streamsProperties(config(), StreamEvents.NONE));
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        java.util.Map<String, Object> consumer = streams.getMainConsumerConfigs("g", "c", 0);
        assertThat(consumer).containsEntry("session.timeout.ms", "6000").containsEntry("heartbeat.interval.ms", "2000");

        TickcastConfig overridden = TickcastConfig.load(java.util.List.of(), java.util.Map.of(), java.util.Map.of(
                "kafka.num.standby.replicas", "0", "kafka.session.timeout.ms", "45000")).withStateDir(stateDir.toString());
        StreamsConfig own = new StreamsConfig(ForecastService.streamsProperties(overridden, StreamEvents.NONE));
        assertThat(own.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isZero();
        assertThat(own.getMainConsumerConfigs("g", "c", 0)).containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void rocksDbStoresShareOneBoundedCache() {
        TickcastConfig config = TickcastConfig.load(java.util.List.of(), java.util.Map.of(),
                java.util.Map.of("stream.rocksdb.memory-mb", "96")).withStateDir(stateDir.toString());
        StreamsConfig streams = new StreamsConfig(ForecastService.streamsProperties(config, StreamEvents.NONE));
        assertThat(streams.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
        assertThat(streams.originals().get(BoundedRocksDbMemory.TOTAL_BYTES)).isEqualTo(Long.toString(96L << 20));
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            options.setTableFormatConfig(new org.rocksdb.BlockBasedTableConfig());
            new BoundedRocksDbMemory().setConfig("price-windows", options, streams.originals());
            assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(options.writeBufferSize()).isEqualTo(12L << 20); // an eighth of the bound, at most 16 MiB
            assertThat(((org.rocksdb.BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            assertThat(BoundedRocksDbMemory.sharedBytes()).isPositive();
        }
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
