package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.lstm.LstmModel;
import io.tickcast.metrics.MeterNames;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.PromotedBy;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model lifecycle against a real broker: a trainer started before its registry topic exists waits (not
 * ready, nothing published), then publishes v1 once it exists; versions never collide with a record another
 * writer published; back-to-back retrainings publish only on evidence; and when the market turns, the serving
 * model is demoted, a stream instance follows within seconds, and the demoted version is never served again.
 */
class ModelLifecycleIT {

    private static final String[] SYMBOLS = {"AAA", "BBB"};
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);
    private static final int WAVE_DAYS = 300;
    private static final int WALK_DAYS = 200;
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void lateRegistrySafeVersionsAndLiveDemotion() throws Exception {
        // the pooled decision's lifecycle: one model serves every symbol, the trainer's live check demotes it
        TickcastConfig config = TrainerTestConfig.of(kafka.bootstrapServers(), "lifecycle-it", Map.of(
                "gate.min-windows", "100",
                "trainer.demotion-window", "160",
                "evidence.decision", "pooled"));
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            admin.createTopics(List.of(new NewTopic(config.topics().ticks(), 2, (short) 1),
                    new NewTopic(config.topics().forecasts(), 2, (short) 1),
                    new NewTopic(config.topics().deadLetter(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        double[][] closes = new double[SYMBOLS.length][];
        Random rnd = new Random(17);
        for (int s = 0; s < SYMBOLS.length; s++) {
            double[] wave = SyntheticSeries.wave(WAVE_DAYS, 100 * (s + 1), s, s);
            double[] walk = SyntheticSeries.randomWalk(WALK_DAYS + 1, wave[WAVE_DAYS - 1], 0.01, rnd);
            closes[s] = new double[WAVE_DAYS + WALK_DAYS];
            System.arraycopy(wave, 0, closes[s], 0, WAVE_DAYS);
            System.arraycopy(walk, 1, closes[s], WAVE_DAYS, WALK_DAYS);
        }
        HttpClient http = HttpClient.newHttpClient();
        try (TickcastNode trainerNode = node(config, "trainer", Role.TRAINER);
             TickPublisher ticks = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            TrainerService trainer = trainerNode.trainer();
            trainerNode.start(Duration.ofSeconds(60));
            ticks.publish(days(closes, 0, WAVE_DAYS), 0, n -> { });

            // no registry topic yet: the trainer says so, is not ready, and publishes nothing
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> trainer.status().registry().reading()
                    == TrainerStatus.Reading.FAILING);
            HttpResponse<String> notReady = http.send(HttpRequest.newBuilder(URI.create(trainerNode.http().url("/health/ready")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("cannot read the model registry", config.topics().models());
            assertThat(trainer.lastAttempt()).as("nothing was trained or published").isNull();

            try (Admin admin = Admin.create(config.kafkaClientProperties())) {
                admin.createTopics(List.of(new NewTopic(config.topics().models(), 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> trainer.lastAttempt() != null
                    && trainer.lastAttempt().outcome() == RetrainCycle.Outcome.PROMOTED);
            assertThat(trainer.lastAttempt().record().version()).isEqualTo(1);
            assertThat(trainer.lastAttempt().record().passedGate()).isTrue();

            try (TickcastNode stream = node(config, "stream", Role.STREAM)) {
                stream.start(Duration.ofSeconds(60));
                assertThat(stream.slot().version()).isEqualTo(1);

                // another writer publishes v2 (an operator's forced, badly trained model): the trainer's next
                // version is 3, and a candidate beats that model with evidence
                try (LstmModel bad = ForcedBadModel.train();
                     ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), config.topics().models())) {
                    publisher.publish(ModelRecord.forced(bad, 2, Instant.now()));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.slot().version() == 2
                        && trainer.registry().maxVersion() == 2);
                RetrainCycle.Attempt third = trainer.retrainNow().get(120, TimeUnit.SECONDS);
                assertThat(third.outcome()).as(third.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
                assertThat(third.record().version()).isEqualTo(3);
                // back to back on the same history: the same candidate again, no evidence it beats v3, nothing published
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> trainer.registry().current() != null
                        && trainer.registry().current().version() == 3);
                RetrainCycle.Attempt again = trainer.retrainNow().get(120, TimeUnit.SECONDS);
                assertThat(again.outcome()).as(again.detail()).isEqualTo(RetrainCycle.Outcome.REJECTED);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.slot().version() == 3);

                // the market turns into a random walk: v3 loses to naive live, and is demoted
                ticks.publish(days(closes, WAVE_DAYS, WAVE_DAYS + WALK_DAYS), 0, n -> { });
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stream.slot().version() != 3);
                List<ModelRecord> registry = registry(config);
                ModelRecord demotion = registry.stream().filter(r -> r.demotion() != null).findFirst().orElseThrow();
                assertThat(demotion.demotion().demotedVersion()).isEqualTo(3);
                assertThat(demotion.demotion().ratioToNaive()).isGreaterThan(1);
                // decided by the pooled anytime-valid test: its e-value reached 1/alpha
                assertThat(demotion.demotion().evidence()).isGreaterThanOrEqualTo(1 / demotion.demotion().level());
                assertThat(demotion.demotion().level()).isEqualTo(config.evidence().settings().alpha());
                assertThat(demotion.demotion().days()).isBetween(1L, (long) WALK_DAYS);
                // the fallback is the newest other version that passed the gate: v1 (v2 was forced, v3 demoted)
                assertThat(demotion.version()).isEqualTo(1);
                assertThat(demotion.promotedBy()).isEqualTo(PromotedBy.DEMOTION);
                assertThat(demotion.demotedVersions()).as("carried by every newer record").containsExactly(3L);
                assertThat(trainerNode.metrics().registry().get(MeterNames.DEMOTIONS).counter().count()).isGreaterThanOrEqualTo(1);
                // versions never collide, and v3 is never served again
                assertThat(registry.stream().filter(r -> r.demotion() == null).map(ModelRecord::version))
                        .doesNotHaveDuplicates();
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> stream.slot().version() != 3);
                assertThat(registry(config).stream().filter(r -> r.version() == 3)).hasSize(1);
            }
        }
    }

    private TickcastNode node(TickcastConfig config, String name, Role role) {
        return new TickcastNode(config.withStateDir(dir.resolve(name).toString()), role, Clock.systemUTC());
    }

    private static List<Tick> days(double[][] closes, int from, int to) {
        List<Tick> out = new ArrayList<>();
        for (int d = from; d < to; d++) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                out.add(Tick.of(SYMBOLS[s], D0.plusDays(d), closes[s][d]));
            }
        }
        return out;
    }

    private static List<ModelRecord> registry(TickcastConfig config) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(config.kafkaClientProperties(),
                config.topics().models(), new StringDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(30),
                Duration.ofSeconds(1));
        return records.stream().map(r -> ModelRecordCodec.decode(r.value())).toList();
    }
}
