package io.tickcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.Counter;
import io.tickcast.config.TickcastConfig;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.TestModels;
import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;
import io.tickcast.records.JsonSerde;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.TopologyDrivers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live coverage through the real topology: every forecast carries intervals, the symbol's next tick checks them,
 * and {@code tickcast_interval_checks_total{model,version,level,inside}} counts exactly the checks a consumer of
 * the forecasts topic would count itself, per model kind and version; on a random walk whose volatility the
 * calibration knows, live coverage lands near the nominal levels.
 */
class LiveCoverageTopologyTest {

    private static final LocalDate D0 = LocalDate.of(2001, 1, 1);
    private static final double SIGMA = 0.01;

    @TempDir
    Path stateDir;

    /** Normal quantiles of |error| / volatility: right for Gaussian log returns. */
    private static Calibration gaussian() {
        return new Calibration(Calibration.SCALE_EWMA, 11.2, 10_000,
                List.of(new Calibration.Quantile(0.8, 1.2816), new Calibration.Quantile(0.95, 1.9600)));
    }

    @Test
    void scoredForecastsCountIntervalHitsPerModelVersionAndLevel() {
        TickcastConfig config = TickcastConfig.defaults();
        ModelSlot slot = new ModelSlot(5);
        slot.calibrateNaive(gaussian());
        try (TickcastMetrics metrics = new TickcastMetrics(Clock.systemUTC())) {
            try (TopologyTestDriver driver = TopologyDrivers.start("live-coverage-test", stateDir, config, slot,
                    Instant.parse("2026-01-01T00:00:00Z"), metrics.streamEvents())) {
                TestInputTopic<String, String> ticks = driver.createInputTopic(config.topics().ticks(),
                        Serdes.String().serializer(), Serdes.String().serializer());
                TestOutputTopic<String, Forecast> out = driver.createOutputTopic(config.topics().forecasts(),
                        Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
                Random random = new Random(11);
                Map<String, Double> close = new HashMap<>(Map.of("AAA", 100.0, "BBB", 40.0));
                Map<String, List<Double>> closes = new HashMap<>();
                int days = 700;
                for (int d = 0; d < days; d++) {
                    if (d == days / 2) { // a model takes over half-way, with its own calibration
                        slot.install(TestModels.forecastingAMoveOf(0.1, LstmConfig.DEFAULT), 4,
                                new ForecasterCalibration(gaussian(), gaussian(), null));
                    }
                    for (String s : List.of("AAA", "BBB")) {
                        double c = close.get(s) * Math.exp(SIGMA * random.nextGaussian());
                        close.put(s, c);
                        closes.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
                        ticks.pipeInput(s, "{\"symbol\":\"" + s + "\",\"date\":\"" + D0.plusDays(d) + "\",\"close\":" + c + "}");
                    }
                }
                driver.advanceWallClockTime(config.batching().maxDelay()); // the last day's forecasts wait for it
                List<Forecast> forecasts = out.readValuesToList();
                assertThat(forecasts).hasSize(2 * (days - 4)).allSatisfy(f -> {
                    assertThat(f.intervals()).extracting(Interval::level).containsExactly(0.8, 0.95);
                    assertThat(f.intervals().get(0).lower()).isLessThan(f.forecastClose());
                    assertThat(f.intervals().get(0).upper()).isGreaterThan(f.forecastClose());
                });
                // what a consumer counts from the forecasts topic and the next ticks
                Map<String, int[]> expected = new HashMap<>(); // model/version/level -> {inside, outside}
                for (Forecast f : forecasts) {
                    int day = (int) (f.asOf().toEpochDay() - D0.toEpochDay());
                    if (day + 1 >= days) {
                        continue; // not scored yet: no later tick
                    }
                    double actual = closes.get(f.symbol()).get(day + 1);
                    for (Interval i : f.intervals()) {
                        int[] c = expected.computeIfAbsent(f.model() + "/" + f.modelVersion() + "/"
                                + TickcastMetrics.levelLabel(i.level()), k -> new int[2]);
                        c[i.contains(actual) ? 0 : 1]++;
                    }
                }
                assertThat(expected.keySet()).containsExactlyInAnyOrder("naive/0/0.8", "naive/0/0.95", "lstm/4/0.8",
                        "lstm/4/0.95");
                expected.forEach((key, c) -> {
                    String[] k = key.split("/");
                    assertThat(count(metrics, k[0], k[1], k[2], true)).as(key + " inside").isEqualTo(c[0]);
                    assertThat(count(metrics, k[0], k[1], k[2], false)).as(key + " outside").isEqualTo(c[1]);
                });
                // live coverage near nominal (about 690 checks per model; the EWMA's own noise costs a little)
                for (String model : List.of("naive/0", "lstm/4")) {
                    int[] at80 = expected.get(model + "/0.8");
                    int[] at95 = expected.get(model + "/0.95");
                    assertThat(at80[0] / (double) (at80[0] + at80[1])).as(model + " at 80%").isCloseTo(0.8, within(0.06));
                    assertThat(at95[0] / (double) (at95[0] + at95[1])).as(model + " at 95%").isCloseTo(0.95, within(0.04));
                }
                assertThat(metrics.registry().find(MeterNames.INTERVAL_NOMINAL_LEVEL).tag(MeterNames.TAG_LEVEL, "0.95")
                        .gauge().value()).isEqualTo(0.95);
            }
            slot.clear("test over");
        }
    }

    private static double count(TickcastMetrics metrics, String model, String version, String level, boolean inside) {
        Counter c = metrics.registry().find(MeterNames.INTERVAL_CHECKS).tag(MeterNames.TAG_MODEL, model)
                .tag(MeterNames.TAG_VERSION, version).tag(MeterNames.TAG_LEVEL, level)
                .tag(MeterNames.TAG_INSIDE, Boolean.toString(inside)).counter();
        return c == null ? 0 : c.count();
    }
}
