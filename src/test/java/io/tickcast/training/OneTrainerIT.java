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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.lstm.LstmModel;
import io.tickcast.metrics.MeterNames;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.RegistryReader;
import io.tickcast.registry.RegistryState;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two trainers of one application against a real broker: the second takes the transactional id and fences the
 * first, which says so (an ERROR naming the id and what to do, liveness 503, a metric) and neither trains nor
 * publishes again, while the second keeps publishing and deletes the versions retention lets go.
 */
class OneTrainerIT {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};
    private static final int DAYS = 220;
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void theSecondTrainerFencesTheFirstWhichSaysSoAndOnlyTheSecondPublishes() throws Exception {
        TickcastConfig config = TrainerTestConfig.of(kafka.bootstrapServers(), "one-trainer-it", Map.of(
                "trainer.keep-versions", "1"));
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        try (TickPublisher ticks = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            ticks.publish(SyntheticSeries.waveDays(SYMBOLS, DAYS).stream().flatMap(List::stream).toList(), 0, n -> { });
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger writerLog = (Logger) LoggerFactory.getLogger(RegistryWriter.class);
        writerLog.addAppender(log);
        HttpClient http = HttpClient.newHttpClient();
        try (TickcastNode first = node(config, "first");
             TickcastNode second = node(config, "second")) {
            TrainerService a = first.trainer();
            TrainerService b = second.trainer();
            assertThat(a.transactionalId()).isEqualTo("one-trainer-it-trainer");

            first.start(Duration.ofSeconds(60)); // no model anywhere: trains at once
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> a.lastAttempt() != null
                    && a.lastAttempt().outcome() == RetrainCycle.Outcome.PROMOTED);
            assertThat(a.lastAttempt().record().version()).isEqualTo(1);
            assertThat(a.status().publishing()).isInstanceOf(TrainerStatus.Publishing.Allowed.class);

            second.start(Duration.ofSeconds(60)); // takes the transactional id: the first is fenced
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.status().fenced());
            assertThat(a.status().publishing()).isEqualTo(
                    new TrainerStatus.Publishing.Fenced("one-trainer-it-trainer", config.topics().models()));
            assertThat(b.status().publishing()).isInstanceOf(TrainerStatus.Publishing.Allowed.class);
            HttpResponse<String> fencedLive = get(http, first, "/health/live");
            assertThat(fencedLive.statusCode()).isEqualTo(503);
            assertThat(fencedLive.body()).contains("one-trainer-it-trainer", "run exactly one trainer per application.id");
            assertThat(get(http, second, "/health/live").statusCode()).isEqualTo(200);
            assertThat(first.metrics().registry().get(MeterNames.TRAINER_FENCED).gauge().value()).isEqualTo(1.0);
            assertThat(second.metrics().registry().get(MeterNames.TRAINER_FENCED).gauge().value()).isEqualTo(0.0);
            List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getFormattedMessage()).contains("this trainer was fenced", "'one-trainer-it-trainer'",
                    "Run exactly one trainer per application.id", "scale the trainer Deployment to one replica");

            // an operator publishes a badly trained model (v2): a candidate beats it with evidence, but only the
            // second trainer may publish one
            try (LstmModel bad = ForcedBadModel.train();
                 ModelPublisher operator = new ModelPublisher(config.kafkaClientProperties(), config.topics().models())) {
                operator.publish(ModelRecord.forced(bad, 2, Instant.now()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.registry().maxVersion() == 2
                    && b.registry().maxVersion() == 2 && b.registry().current().version() == 2);
            RetrainCycle.Attempt refused = a.retrainNow().get(120, TimeUnit.SECONDS);
            assertThat(refused.outcome()).isEqualTo(RetrainCycle.Outcome.FAILED);
            assertThat(refused.detail()).contains("fenced");
            RetrainCycle.Attempt promoted = b.retrainNow().get(120, TimeUnit.SECONDS);
            assertThat(promoted.outcome()).as(promoted.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
            assertThat(promoted.record().version()).isEqualTo(3);

            // with trainer.keep-versions=1 the second trainer deleted v1 in v3's transaction; v2 served before v3
            // (instances that refused v3 would go on serving it), so it stays
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.registry().presentVersions().equals(
                    new TreeSet<>(List.of(2L, 3L))));
            RegistryState registry = RegistryReader.readAll(config.kafkaClientProperties(), config.topics().models());
            assertThat(registry.entries()).extracting(e -> e.record().version() + " " + e.record().promotedBy())
                    .containsExactly("2 forced", "3 gate");
            assertThat(a.lastAttempt()).isSameAs(refused);
        } finally {
            writerLog.detachAppender(log);
        }
    }

    private TickcastNode node(TickcastConfig config, String name) {
        return new TickcastNode(config.withStateDir(dir.resolve(name).toString()), Role.TRAINER, Clock.systemUTC());
    }

    private static HttpResponse<String> get(HttpClient http, TickcastNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.http().url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
