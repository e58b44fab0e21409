package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.metrics.MeterNames;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream instances and a trainer against a real in-process broker: a retraining is triggered, both
 * instances switch to the new version, no tick loses its forecast across the swap, a corrupt registry record
 * changes nothing but a metric, and a restarted instance starts with the latest model.
 */
class RetrainingIT {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};
    private static final int DAYS = 220;
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    /** What a node's metrics say: tickcast_model_rejected_total summed over reasons. */
    private static double rejected(TickcastNode node) {
        return node.metrics().registry().find(MeterNames.MODEL_REJECTED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** tickcast_model_version of a node. */
    private static double modelVersionGauge(TickcastNode node) {
        return node.metrics().registry().get(MeterNames.MODEL_VERSION).gauge().value();
    }

    @Test
    void bothInstancesSwitchToTheRetrainedModelWithoutLosingAForecast() throws Exception {
        TickcastConfig config = TrainerTestConfig.of(kafka.bootstrapServers(), "retrain-it", Map.of());
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        List<List<Tick>> days = SyntheticSeries.waveDays(SYMBOLS, DAYS);

        TickcastNode a = node(config, "a", Role.STREAM);
        TickcastNode b = node(config, "b", Role.STREAM);
        TickcastNode trainer = null;
        TickcastNode restarted = null;
        try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            a.start(Duration.ofSeconds(60));
            b.start(Duration.ofSeconds(60));
            await("both instances RUNNING", () -> a.stream().streams().state().isRunningOrRebalancing()
                    && b.stream().streams().state().isRunningOrRebalancing(), Duration.ofSeconds(60));
            assertThat(a.slot().current()).isNull();

            publisher.publish(flatten(days.subList(0, 150)), 0, n -> { });       // history: no model yet, naive forecasts
            // let the stream work off that backlog first, so latencies below compare paced ticks with paced ticks
            assertThat(readForecasts(config, SYMBOLS.length * (150 - 4), Duration.ofSeconds(60))).hasSize(SYMBOLS.length * (150 - 4));
            trainer = node(config, "trainer", Role.TRAINER);
            trainer.start(Duration.ofSeconds(60));                               // no model anywhere: trains at once
            Thread background = new Thread(() -> publisher.publish(flatten(days.subList(150, 200)), 25, n -> { }));
            background.start();                                                  // ticks keep flowing during the training
            TickcastNode trainerNode = trainer;
            await("a promoted model on both instances", () -> a.slot().version() == 1 && b.slot().version() == 1,
                    Duration.ofSeconds(90));
            background.join();

            RetrainCycle.Attempt attempt = trainerNode.trainer().lastAttempt();
            assertThat(attempt.outcome()).as(attempt.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
            assertThat(attempt.thread()).isEqualTo(TrainerService.THREAD_NAME).doesNotContain("StreamThread");
            assertThat(modelVersionGauge(a)).isEqualTo(1.0);
            assertThat(modelVersionGauge(b)).isEqualTo(1.0);
            assertThat(trainerNode.metrics().registry().get(MeterNames.TRAINING_RUNS).tag(MeterNames.TAG_OUTCOME, "promoted")
                    .counter().count()).isEqualTo(1.0);

            try (ModelPublisher models = new ModelPublisher(config.kafkaClientProperties(), config.topics().models())) {
                models.send("v000000000099", "{\"formatVersion\":1,\"version\":99,\"model\":\"AAAA\"".getBytes(StandardCharsets.UTF_8));
            }
            // visible in metrics, and nothing else changes
            await("the corrupt record rejected by both", () -> rejected(a) == 1 && rejected(b) == 1, Duration.ofSeconds(30));
            assertThat(a.metrics().registry().get(MeterNames.MODEL_REJECTED).tag(MeterNames.TAG_REASON, "malformed")
                    .counter().count()).isEqualTo(1.0);
            assertThat(a.slot().version()).isEqualTo(1);
            publisher.publish(flatten(days.subList(200, DAYS)), 0, n -> { });

            int expected = SYMBOLS.length * (DAYS - 4);
            List<ConsumerRecord<String, Forecast>> records = readForecasts(config, expected, Duration.ofSeconds(60));
            List<Forecast> forecasts = records.stream().map(ConsumerRecord::value).toList();

            // exactly one forecast per accepted tick, across the swap
            assertThat(forecasts).hasSize(expected);
            assertThat(forecasts.stream().map(f -> f.symbol() + f.asOf()).distinct().count()).isEqualTo(expected);
            for (String symbol : SYMBOLS) {
                List<Forecast> series = forecasts.stream().filter(f -> f.symbol().equals(symbol))
                        .sorted(Comparator.comparing(Forecast::asOf)).toList();
                // naive until the swap, then v1, never back (the swap is atomic between two forecasts); the
                // last 20 days were published after both instances had v1
                int firstLstm = indexOfFirstLstm(series);
                assertThat(firstLstm).as(symbol).isPositive().isLessThanOrEqualTo(200 - 4);
                assertThat(series.subList(0, firstLstm)).allSatisfy(f -> assertThat(f.model()).isEqualTo(Forecast.MODEL_NAIVE));
                assertThat(series.subList(firstLstm, series.size())).allSatisfy(f -> {
                    assertThat(f.model()).isEqualTo(Forecast.MODEL_LSTM);
                    assertThat(f.modelVersion()).isEqualTo(1);
                });
            }
            // both instances own partitions, so both forecast with the new version
            assertThat(activeTasks(a)).isPositive();
            assertThat(activeTasks(b)).isPositive();

            // forecasting kept going while the model trained on its own thread
            Instant trainStart = attempt.startedAt();
            Instant trainEnd = trainStart.plus(attempt.duration());
            List<ConsumerRecord<String, Forecast>> during = records.stream()
                    .filter(r -> r.value().producedAt().isAfter(trainStart) && r.value().producedAt().isBefore(trainEnd)).toList();
            List<ConsumerRecord<String, Forecast>> after = records.stream()
                    .filter(r -> r.value().producedAt().isAfter(trainEnd.plusSeconds(1))).toList();
            assertThat(during).isNotEmpty();
            System.out.printf("training took %d ms; forecast latency (tick published -> forecast made) median %d ms during"
                            + " training (%d forecasts), %d ms without (%d forecasts)%n", attempt.duration().toMillis(),
                    medianLatencyMillis(during), during.size(), medianLatencyMillis(after), after.size());

            // a restarted instance serves the latest model from the registry, without retraining
            a.close();
            restarted = node(config, "a", Role.STREAM);
            restarted.start(Duration.ofSeconds(60));
            assertThat(restarted.slot().version()).isEqualTo(1);
            assertThat(modelVersionGauge(restarted)).isEqualTo(1.0);
            assertThat(rejected(restarted)).isEqualTo(1.0);
            assertThat(trainerNode.trainer().lastAttempt()).isSameAs(attempt);
            TickcastNode a2 = restarted;
            await("the restarted instance RUNNING", () -> a2.stream().streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING,
                    Duration.ofSeconds(60));
        } finally {
            for (TickcastNode n : new TickcastNode[] {restarted, b, trainer}) {
                if (n != null) {
                    n.close();
                }
            }
            a.close();
        }
    }

    private TickcastNode node(TickcastConfig config, String name, Role role) {
        return new TickcastNode(config.withStateDir(dir.resolve(name).toString()), role, Clock.systemUTC());
    }

    private static List<Tick> flatten(List<List<Tick>> days) {
        return days.stream().flatMap(List::stream).collect(Collectors.toList());
    }

    private static int indexOfFirstLstm(List<Forecast> series) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).model().equals(Forecast.MODEL_LSTM)) {
                return i;
            }
        }
        return -1;
    }

    private static long activeTasks(TickcastNode node) {
        return node.stream().streams().metadataForLocalThreads().stream().mapToLong(t -> t.activeTasks().size()).sum();
    }

    private static long medianLatencyMillis(List<ConsumerRecord<String, Forecast>> records) {
        if (records.isEmpty()) {
            return -1;
        }
        long[] ms = records.stream().mapToLong(r -> r.value().producedAt().toEpochMilli() - r.timestamp()).sorted().toArray();
        return ms[ms.length / 2];
    }

    /** Every forecast, and a moment more to see that nothing beyond the expected ones arrives. */
    private static List<ConsumerRecord<String, Forecast>> readForecasts(TickcastConfig config, int expected, Duration timeout) {
        return TopicRecords.read(config.kafkaClientProperties(), config.topics().forecasts(), new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer(), expected, timeout, Duration.ofSeconds(2));
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
