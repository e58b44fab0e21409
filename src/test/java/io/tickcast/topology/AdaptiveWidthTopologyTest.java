package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tickcast.config.TickcastConfig;
import io.tickcast.interval.Calibration;
import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;
import io.tickcast.records.JsonSerde;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online width correction through the real topology: with a calibration whose quantiles are far too small
 * (as after calm calibration days, before a crisis), the calibrated intervals cover far less than nominal; with
 * {@code interval.adapt-rate} the stream corrects each symbol's widths from its own misses, keeps the correction
 * in the window store, and live coverage comes back near nominal.
 */
class AdaptiveWidthTopologyTest {

    private static final LocalDate D0 = LocalDate.of(2001, 1, 1);
    private static final int DAYS = 1500;

    @TempDir
    Path stateDir;

    /** Half the normal quantiles: intervals half as wide as Gaussian returns need. */
    private static Calibration tooNarrow() {
        return new Calibration(Calibration.SCALE_EWMA, 11.2, 10_000,
                List.of(new Calibration.Quantile(0.8, 0.64), new Calibration.Quantile(0.95, 0.98)));
    }

    @Test
    void missesWidenTheSymbolsIntervalsUntilCoverageIsNearNominal() {
        double[] fixed = coverage("0", false);
        double[] corrected = coverage("0.05", true);
        assertThat(fixed[0]).as("80%%, calibrated alone").isLessThan(0.6);
        assertThat(fixed[1]).as("95%%, calibrated alone").isLessThan(0.8);
        assertThat(corrected[0]).as("80%%, corrected online").isCloseTo(0.8, within(0.04));
        assertThat(corrected[1]).as("95%%, corrected online").isCloseTo(0.95, within(0.03));
    }

    /** Live coverage at 80% and 95% of one symbol's random walk, after the first 100 days. */
    private double[] coverage(String adaptRate, boolean expectCorrection) {
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of("interval.adapt-rate", adaptRate));
        ModelSlot slot = new ModelSlot(5);
        slot.calibrateNaive(tooNarrow());
        try (TopologyTestDriver driver = TopologyDrivers.start("adaptive-width-test", stateDir.resolve(adaptRate), config,
                slot, Instant.parse("2026-01-01T00:00:00Z"), StreamEvents.NONE)) {
            TestInputTopic<String, String> ticks = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Forecast> out = driver.createOutputTopic(config.topics().forecasts(),
                    Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
            Random random = new Random(3);
            double close = 100;
            List<Double> closes = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                close *= Math.exp(0.01 * random.nextGaussian());
                closes.add(close);
                ticks.pipeInput("AAA", "{\"symbol\":\"AAA\",\"date\":\"" + D0.plusDays(d) + "\",\"close\":" + close + "}");
            }
            int[] inside = new int[2];
            int scored = 0;
            for (Forecast f : out.readValuesToList()) {
                int day = (int) (f.asOf().toEpochDay() - D0.toEpochDay());
                if (day < 100 || day + 1 >= DAYS) {
                    continue;   // the volatility estimate settles first; the last forecast has no actual yet
                }
                scored++;
                for (int l = 0; l < 2; l++) {
                    Interval interval = f.intervals().get(l);
                    inside[l] += interval.contains(closes.get(day + 1)) ? 1 : 0;
                }
            }
            KeyValueStore<String, PriceWindow> windows = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
            double[] widen = windows.get("AAA").widen(2);
            if (expectCorrection) {
                assertThat(widen[0]).as("the correction kept in the store").isGreaterThan(0.2);
            } else {
                assertThat(widen).containsOnly(0.0);
            }
            slot.clear("test over");
            return new double[] {inside[0] / (double) scored, inside[1] / (double) scored};
        }
    }
}
