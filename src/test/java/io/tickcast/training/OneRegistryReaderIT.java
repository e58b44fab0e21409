package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.lstm.LstmModel;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Role {@code all} against a real broker reads the model registry once: one Kafka consumer of the registry topic in
 * the process (counted by the Kafka clients' per-topic fetch metrics in JMX), each version installed once (counted by
 * the follower), and the trainer's view of the registry is the stream's follower. Retraining still works through it:
 * the trainer numbers its version after one another writer published, and the stream installs it.
 */
class OneRegistryReaderIT {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};
    private static final int DAYS = 220;
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void roleAllRunsOneRegistryReaderAndRetrainingStillReachesTheStream() throws Exception {
        TickcastConfig config = TrainerTestConfig.of(kafka.bootstrapServers(), "one-reader-it", Map.of())
                .withTopics(new TickcastConfig.Topics("one-reader-ticks", "one-reader-forecasts", "one-reader-dlq",
                        "one-reader-models"))
                .withStateDir(dir.resolve("state").toString());
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        try (TickPublisher ticks = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            ticks.publish(SyntheticSeries.waveDays(SYMBOLS, DAYS).stream().flatMap(List::stream).toList(), 0, n -> { });
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger followerLog = (Logger) LoggerFactory.getLogger(ModelFollower.class);
        followerLog.addAppender(log);
        try (TickcastNode node = new TickcastNode(config, Role.ALL, Clock.systemUTC())) {
            TrainerService trainer = node.trainer();
            assertThat(trainer.registry()).as("the trainer follows the stream's reader").isSameAs(node.follower());
            assertThat(trainer.ownsRegistryReader()).isFalse();

            node.start(Duration.ofSeconds(60)); // no model anywhere: trains at once
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> trainer.lastAttempt() != null
                    && trainer.lastAttempt().outcome() == RetrainCycle.Outcome.PROMOTED);
            assertThat(trainer.lastAttempt().record().version()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.slot().version() == 1);

            // another writer publishes a badly trained model (v2): the trainer sees it through the shared reader, so
            // its next version is 3, and a candidate beats v2 with evidence
            try (LstmModel bad = ForcedBadModel.train();
                 ModelPublisher operator = new ModelPublisher(config.kafkaClientProperties(), config.topics().models())) {
                operator.publish(ModelRecord.forced(bad, 2, Instant.now()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.slot().version() == 2);
            RetrainCycle.Attempt retrained = trainer.retrainNow().get(120, TimeUnit.SECONDS);
            assertThat(retrained.outcome()).as(retrained.detail()).isEqualTo(RetrainCycle.Outcome.PROMOTED);
            assertThat(retrained.record().version()).isEqualTo(3);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.slot().version() == 3
                    && trainer.registry().current() != null && trainer.registry().current().version() == 3);

            // one consumer in this JVM has fetched from the registry topic
            Set<String> readers = registryConsumers(config.topics().models());
            assertThat(readers).as("Kafka consumers that fetched from " + config.topics().models()).hasSize(1);
            // each version installed once: the slot held v1, v2 and v3 in turn (awaited above), in three installs
            assertThat(node.follower().installs()).as("records the follower installed").isEqualTo(3);
            assertThat(log.list.stream().filter(e -> e.getFormattedMessage().startsWith("model registry "
                    + config.topics().models() + " read to its end"))).as("registry reads to the end at start").hasSize(1);

            // the probes of role all: the stream's, with the trainer's last attempt
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(node.http().url("/health/ready"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.body()).contains("\"forecaster\":\"lstm v3\"", "\"lastTraining\":\"promoted: ");
        } finally {
            followerLog.detachAppender(log);
        }
    }

    /** The client ids of the Kafka consumers in this JVM with fetch metrics for {@code topic}. */
    private static Set<String> registryConsumers(String topic) throws MalformedObjectNameException {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,topic=" + topic + ",*"), null)
                .stream().map(n -> n.getKeyProperty("client-id")).collect(Collectors.toSet());
    }
}
