package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickcastConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheSeedArticle() {
        TickcastConfig c = TickcastConfig.defaults();
        assertThat(c.lstm()).isEqualTo(LstmConfig.DEFAULT);
        assertThat(c.windowSize()).isEqualTo(5);
        assertThat(c.topics()).isEqualTo(new TickcastConfig.Topics("ticks", "forecasts", "ticks-dlq", "tickcast-models"));
    }

    @Test
    void fileThenEnvironmentThenOverridesWin() throws Exception {
        Path f = dir.resolve("t.properties");
        Files.writeString(f, "topic.ticks=file-ticks\ntopic.forecasts=file-fc\nlstm.window-size=7\nkafka.security.protocol=SSL\n");
        TickcastConfig c = TickcastConfig.load(f,
                Map.of("TICKCAST_TOPIC_FORECASTS", "env-fc", "TICKCAST_TOPIC_DEAD_LETTER", "env-dlq",
                        "TICKCAST_KAFKA_SASL_MECHANISM", "PLAIN", "HOME", "/root"),
                Map.of("topic.dead-letter", "cli-dlq"));
        assertThat(c.topics()).isEqualTo(new TickcastConfig.Topics("file-ticks", "env-fc", "cli-dlq", "tickcast-models"));
        assertThat(c.windowSize()).isEqualTo(7);
        assertThat(c.kafkaOverrides()).containsEntry("security.protocol", "SSL").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(c.kafkaClientProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void unknownKeysAndBadValuesAreClearErrors() {
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("topic.tick", "x")))
                .hasMessageContaining("unknown configuration key 'topic.tick' set on the command line; did you mean 'topic.ticks'?");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("lstm.window-size", "five")))
                .hasMessageContaining("lstm.window-size must be an integer");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("lstm.learning-rate", "-1")))
                .hasMessageContaining("lstm.learning-rate must be a finite number > 0, was -1.0 (set on the command line)");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("http.port", "70000")))
                .hasMessageContaining("http.port must be 0..65535");
        assertThatThrownBy(() -> TickcastConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageContaining("missing.properties");
    }

    @Test
    void aValueThatIsNotAllowedIsNamedWithItsKeyWhatIsAllowedAndWhereItWasSet() throws Exception {
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_GATE_MARGIN", "0.9"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("gate.margin must be at least 0 and below 0.5, was 0.9 (set by environment variable TICKCAST_GATE_MARGIN)");
        Path file = java.nio.file.Files.writeString(dir.resolve("t.properties"), "trainer.history-days=5000000\n");
        assertThatThrownBy(() -> TickcastConfig.load(file, Map.of(), Map.of()))
                .hasMessage("trainer.max-history-ticks must be >= trainer.history-days (5000000), was 1000000 (the default)");
        assertThatThrownBy(() -> TickcastConfig.load(file, Map.of(), Map.of("trainer.history-days", "1")))
                .hasMessage("trainer.history-days must be >= 2, was 1 (set on the command line)");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_STREAM_THREADS", "many"), Map.of()))
                .hasMessage("stream.threads must be an integer, was 'many' (set by environment variable TICKCAST_STREAM_THREADS)");
        Path latin1 = java.nio.file.Files.write(dir.resolve("latin1.properties"), new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TickcastConfig.load(latin1, Map.of(), Map.of()))
                .hasMessageStartingWith("cannot read config file " + latin1 + ": not UTF-8 text");
    }

    @Test
    void theThreadFailureBudgetIsReadAndChecked() {
        assertThat(TickcastConfig.defaults().threadFailures())
                .isEqualTo(new TickcastConfig.ThreadFailures(5, java.time.Duration.ofMinutes(10)));
        TickcastConfig c = TickcastConfig.load(List.of(), Map.of("TICKCAST_STREAM_THREAD_FAILURE_LIMIT", "2"),
                Map.of("stream.thread-failure-window", "PT30S"));
        assertThat(c.threadFailures()).isEqualTo(new TickcastConfig.ThreadFailures(2, java.time.Duration.ofSeconds(30)));
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("stream.thread-failure-limit", "0")))
                .hasMessageContaining("stream.thread-failure-limit must be >= 1, was 0");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("stream.thread-failure-window", "PT0S")))
                .hasMessageContaining("stream.thread-failure-window must be positive");
        // Kafka users' spellings as well as ISO-8601
        assertThat(TickcastConfig.load(List.of(), Map.of(), Map.of("stream.thread-failure-window", "10m"))
                .threadFailures().window()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("stream.thread-failure-window", "10 minutes")))
                .hasMessageContaining("stream.thread-failure-window must be a duration: 500ms, 2s, 5m, 1h, 1d or ISO-8601");
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        assertThat(ConfigKey.TOPIC_DEAD_LETTER.envVar()).isEqualTo("TICKCAST_TOPIC_DEAD_LETTER");
        for (ConfigKey k : ConfigKey.values()) {
            TickcastConfig c = TickcastConfig.load(List.of(), Map.of(k.envVar(), k.defaultValue()), Map.of());
            assertThat(c).isEqualTo(TickcastConfig.defaults());
        }
    }

    @Test
    void clientTimeoutsAreDurationsOfAtLeastASecond() {
        assertThat(TickcastConfig.defaults().clients())
                .isEqualTo(new TickcastConfig.Clients(Duration.ofSeconds(15), Duration.ofMinutes(2)));
        TickcastConfig c = TickcastConfig.load(List.of(), Map.of("TICKCAST_CLIENT_TIMEOUT", "PT3S"),
                Map.of("client.delivery-timeout", "PT30S"));
        assertThat(c.clients()).isEqualTo(new TickcastConfig.Clients(Duration.ofSeconds(3), Duration.ofSeconds(30)));
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("client.timeout", "15")))
                .hasMessageContaining("client.timeout must be a duration: 500ms, 2s, 5m, 1h, 1d or ISO-8601 such as PT15S, "
                        + "was '15'");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("client.delivery-timeout", "PT0.5S")))
                .hasMessageContaining("client.delivery-timeout must be at least PT1S");
    }

    @Test
    void aPlainKafkaClientPropertiesFileIsTakenAsKafkasToolsTakeIt() throws Exception {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, """
                bootstrap.servers=broker-1:9093
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
                ssl.truststore.location=/etc/ca.p12
                """);
        Path own = dir.resolve("tickcast.properties");
        Files.writeString(own, "topic.ticks=prices\nkafka.client.id=tc\nbootstrap.servers=broker-2:9093\n");
        TickcastConfig c = TickcastConfig.load(List.of(client, own), Map.of(), Map.of());
        assertThat(c.kafkaOverrides()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.truststore.location", "/etc/ca.p12")
                .containsEntry("client.id", "tc").doesNotContainKey("bootstrap.servers");
        assertThat(c.topics().ticks()).isEqualTo("prices");
        // later files win; bootstrap.servers is tickcast's own key and Kafka's alike
        assertThat(c.bootstrapServers()).isEqualTo("broker-2:9093");
        // Kafka Streams' prefixed client settings are Kafka settings too
        Files.writeString(client, "main.consumer.group.instance.id=a\nproducer.linger.ms=5\ntopic.min.insync.replicas=2\n");
        assertThat(TickcastConfig.load(List.of(client), Map.of(), Map.of()).kafkaOverrides())
                .containsEntry("main.consumer.group.instance.id", "a").containsEntry("producer.linger.ms", "5")
                .containsEntry("topic.min.insync.replicas", "2");
    }

    @Test
    void aMisspeltKeyInAFileOrUnderKafkaNamesTheNearestValidOne() throws Exception {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SSL\nsasl.mechansim=PLAIN\n");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(client), Map.of(), Map.of()))
                .hasMessageStartingWith("config file " + client + ": unknown key 'sasl.mechansim'; did you mean 'kafka.sasl.mechanism'?");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("kafka.sesion.timeout.ms", "9000")))
                .hasMessageStartingWith("'kafka.sesion.timeout.ms' names no Kafka client setting")
                .hasMessageContaining("did you mean 'kafka.session.timeout.ms'?");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("kafka.producer.lingr.ms", "5")))
                .hasMessageContaining("did you mean 'kafka.producer.linger.ms'?");
    }

    @Test
    void everyTickcastEnvironmentVariableIsCheckedLikeAKey() {
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_BOOTSTRAP_SERVER", "x:1"), Map.of()))
                .hasMessageStartingWith("environment variable TICKCAST_BOOTSTRAP_SERVER is not a tickcast setting; "
                        + "did you mean TICKCAST_BOOTSTRAP_SERVERS?");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_TRAINER_INTERVL", "PT1M"), Map.of()))
                .hasMessageContaining("did you mean TICKCAST_TRAINER_INTERVAL?");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_KAFKA_SECURITY_PROTOKOL", "SSL"), Map.of()))
                .hasMessageContaining("did you mean TICKCAST_KAFKA_SECURITY_PROTOCOL?");
        // what the launcher and the logging read, and Kafka settings (Streams prefixes included), are not errors
        TickcastConfig c = TickcastConfig.load(List.of(), Map.of("TICKCAST_JAVA_OPTS", "-Xmx1g", "TICKCAST_LOG_LEVEL", "DEBUG",
                "TICKCAST_KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID", "pod-0", "PATH", "/bin"),
                Map.of());
        assertThat(c.kafkaOverrides()).containsOnly(Map.entry("main.consumer.group.instance.id", "pod-0"));
    }

    @Test
    void kafkaSettingsIncludeKafkaStreamsPrefixes() {
        assertThat(KafkaClientKeys.isKnown("main.consumer.group.instance.id")).isTrue();
        assertThat(KafkaClientKeys.isKnown("sasl.jaas.config")).isTrue();
        assertThat(KafkaClientKeys.isKnown("processing.guarantee")).isTrue();
        assertThat(KafkaClientKeys.isKnown("topic.cleanup.policy")).isTrue();
        assertThat(KafkaClientKeys.isKnown("consumer.cleanup.policy")).isFalse();
        assertThat(KafkaClientKeys.isKnown("bootstrap.server")).isFalse();
    }

    @Test
    void theChoicesAKeyAllowsAreTheLabelsOfWhatItSets() {
        for (io.tickcast.evidence.ServingDecision d : io.tickcast.evidence.ServingDecision.values()) {
            assertThat(TickcastConfig.load(List.of(), Map.of(), Map.of("evidence.decision", d.label())).evidence().decision())
                    .isEqualTo(d);
        }
        for (io.tickcast.evidence.Multiplicity m : io.tickcast.evidence.Multiplicity.values()) {
            assertThat(TickcastConfig.load(List.of(), Map.of(), Map.of("evidence.multiplicity", m.label())).evidence()
                    .multiplicity()).isEqualTo(m);
        }
        assertThat(ConfigKey.EVIDENCE_DECISION.allowedValues()).isEqualTo(java.util.Arrays.stream(
                io.tickcast.evidence.ServingDecision.values()).map(io.tickcast.evidence.ServingDecision::label)
                .collect(java.util.stream.Collectors.joining(" or ")));
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_EVIDENCE_MULTIPLICITY", "all"), Map.of()))
                .hasMessage("evidence.multiplicity must be none or family, was 'all' (set by environment variable "
                        + "TICKCAST_EVIDENCE_MULTIPLICITY)");
    }

    @Test
    void theRecordsDefaultsAreTheKeysDefaults() {
        TickcastConfig c = TickcastConfig.defaults();
        assertThat(c.gate()).isEqualTo(io.tickcast.gate.GateSettings.DEFAULT);
        assertThat(c.evidence()).isEqualTo(TickcastConfig.LiveEvidence.DEFAULT);
        assertThat(c.stateDir()).isEqualTo(ConfigKey.STATE_DIR.defaultValue());
    }

    @Test
    void credentialsNeverShowInTheConfigsText() {
        TickcastConfig c = TickcastConfig.load(List.of(), Map.of(), Map.of(
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret-1\";",
                "kafka.ssl.truststore.password", "s3cret-2", "kafka.ssl.key.password", "s3cret-3",
                "kafka.security.protocol", "SASL_SSL"));
        assertThat(c.kafkaOverrides()).containsEntry("ssl.truststore.password", "s3cret-2");   // the clients get them
        assertThat(c.toString()).doesNotContain("s3cret").contains("security.protocol=SASL_SSL", "sasl.jaas.config=[hidden]");
    }
}
