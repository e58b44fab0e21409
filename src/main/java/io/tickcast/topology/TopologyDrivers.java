package io.tickcast.topology;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The forecasting topology under Kafka Streams' TopologyTestDriver, set up as the service runs it (its poison-record
 * handler): the same processors and stores, driven record by record in one thread without a broker. The backtest
 * replays the service with it ({@code ServiceReplay}), and tests drive the topology with it.
 */
public final class TopologyDrivers {

    private TopologyDrivers() {
    }

    /**
     * A driver of {@link ForecastTopology#build} whose forecasts are stamped {@code now} and whose wall clock starts
     * at {@code now}, keeping its state in {@code stateDir}.
     */
    public static TopologyTestDriver start(String applicationId, Path stateDir, TickcastConfig config, ModelSlot slot,
                                           Instant now, StreamEvents events) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(PoisonRecordHandler.settings(config.topics(), events)); // as ForecastService sets it
        return new TopologyTestDriver(ForecastTopology.build(config, slot, Clock.fixed(now, ZoneOffset.UTC), events),
                props, now);
    }
}
