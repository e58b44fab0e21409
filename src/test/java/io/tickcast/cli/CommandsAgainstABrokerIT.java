package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import io.tickcast.config.TickcastConfig;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.Forecast;
import io.tickcast.records.Json;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.TickParser;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.service.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** produce, consume and models against a real in-process broker, driven through the command line. */
class CommandsAgainstABrokerIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static TickcastConfig config;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopics() {
        config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(config, 2, (short) 1);
    }

    /** The command line, pointed at the test broker. */
    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers=" + kafka.bootstrapServers());
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void produceSendsEveryRowKeyedBySymbolInDateOrder() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            rows.add("AAA," + LocalDate.of(2020, 1, 1).plusDays(i) + "," + (100 + i));
            rows.add("BBB," + LocalDate.of(2020, 1, 1).plusDays(i) + "," + (200 + i));
        }
        Collections.shuffle(rows, new Random(3));   // the file need not be sorted
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, "symbol,date,close\n" + String.join("\n", rows) + "\n");

        CliRun r = run("produce", csv.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("published 30 ticks to ticks");

        List<ConsumerRecord<String, byte[]>> sent = TopicRecords.read(config.kafkaClientProperties(), "ticks",
                new StringDeserializer(), new ByteArrayDeserializer(), 30, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(sent).hasSize(30);
        Map<String, List<LocalDate>> datesByKey = sent.stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(rec -> TickParser.parse(rec.value()).tick().date(), Collectors.toList())));
        assertThat(datesByKey).containsOnlyKeys("AAA", "BBB");
        datesByKey.values().forEach(dates -> assertThat(dates).hasSize(15).isSorted());
        assertThat(sent).allSatisfy(rec -> assertThat(TickParser.parse(rec.value()).tick().symbol()).isEqualTo(rec.key()));
    }

    @Test
    void produceTakesAPlainKafkaClientPropertiesFileAndPublishesQuotedSymbolsUnquoted() throws Exception {
        // the client.properties Kafka's own tools take: no kafka. prefix, bootstrap.servers in the file, no -b
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "bootstrap.servers=" + kafka.bootstrapServers() + "\nsecurity.protocol=PLAINTEXT\n"
                + "client.id=tickcast-from-client-properties\n");
        Path own = dir.resolve("tickcast.properties");
        Files.writeString(own, "topic.ticks=quoted-ticks\n");
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("quoted-ticks", "forecasts", "ticks-dlq",
                "tickcast-models")), 1, (short) 1);
        Path csv = dir.resolve("quoted.csv");
        Files.writeString(csv, "\uFEFF\"symbol\",\"date\",\"close\"\r\n\"DAX\",\"2020-01-02\",\"1,628.75\"\r\n"
                + "\"BRK.B\",\"2020-01-02\",\"228.50\"\r\n");
        CliRun r = CliRun.of("produce", csv.toString(), "--no-progress", "-c", client.toString(), "-c", own.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<ConsumerRecord<String, byte[]>> sent = TopicRecords.read(config.kafkaClientProperties(), "quoted-ticks",
                new StringDeserializer(), new ByteArrayDeserializer(), 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(sent).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("DAX", "BRK.B");
        assertThat(sent).extracting(rec -> TickParser.parse(rec.value()).tick().close()).containsExactlyInAnyOrder(1628.75, 228.5);
    }

    @Test
    void produceReadsJsonLinesFromAFileAndFromStandardInputAsTheStreamReadsThem() throws Exception {
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("json-ticks", "forecasts", "ticks-dlq",
                "tickcast-models")), 1, (short) 1);
        Path jsonl = dir.resolve("ticks.jsonl");
        Files.writeString(jsonl, "{\"symbol\":\"AAA\",\"date\":\"2020-01-02\",\"close\":101.5,\"volume\":7}\n"
                + "{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":100}\n");
        CliRun file = run("produce", jsonl.toString(), "--no-progress", "-s", "topic.ticks=json-ticks");
        assertThat(file.exitCode()).as(file.err()).isZero();
        assertThat(file.out()).contains("published 2 ticks to json-ticks");

        byte[] stdin = "{\"symbol\":\"BBB\",\"date\":\"2020-01-03\",\"close\":50}\n".getBytes(StandardCharsets.UTF_8);
        CliRun piped = CliRun.withStdin(stdin, "produce", "-", "--no-progress", "-s", "topic.ticks=json-ticks",
                "--bootstrap-server", kafka.bootstrapServers());
        assertThat(piped.exitCode()).as(piped.err()).isZero();

        // a bad line anywhere: nothing of that input is published
        byte[] bad = "{\"symbol\":\"CCC\",\"date\":\"2020-01-03\",\"close\":50}\n{\"symbol\":\"CCC\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        CliRun refused = CliRun.withStdin(bad, "produce", "-", "--no-progress", "-s", "topic.ticks=json-ticks",
                "--bootstrap-server", kafka.bootstrapServers());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("standard input:2: bad-date: ");

        List<ConsumerRecord<String, byte[]>> sent = TopicRecords.read(config.kafkaClientProperties(), "json-ticks",
                new StringDeserializer(), new ByteArrayDeserializer(), 3, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(sent).extracting(rec -> rec.key() + " " + TickParser.parse(rec.value()).tick())
                .containsExactly("AAA " + new io.tickcast.records.Tick("AAA", LocalDate.of(2020, 1, 1), 100, null, null, null, null),
                        "AAA " + new io.tickcast.records.Tick("AAA", LocalDate.of(2020, 1, 2), 101.5, null, null, null, 7L),
                        "BBB " + io.tickcast.records.Tick.of("BBB", LocalDate.of(2020, 1, 3), 50));
    }

    @Test
    void consumePrintsForecastsAsJsonLinesOrATable() throws Exception {
        List<Forecast> published = List.of(
                new Forecast("AAA", LocalDate.of(2020, 1, 6), 1, 100, 101.5, "lstm", 3, Instant.parse("2026-01-01T00:00:00Z")),
                new Forecast("BBB", LocalDate.of(2020, 1, 6), 1, 50, 50, "naive", 0, Instant.parse("2026-01-01T00:00:01Z")));
        try (KafkaProducer<String, Forecast> p = new KafkaProducer<>(ClientSettings.durableProducer(config.kafkaClientProperties()),
                new StringSerializer(), JsonSerde.of(Forecast.class).serializer())) {
            for (Forecast f : published) {
                p.send(new ProducerRecord<>("forecasts", f.symbol(), f)).get();
            }
        }
        CliRun json = run("consume", "--from-beginning", "--json", "--max", "2");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<Forecast> read = new ArrayList<>();
        for (String line : json.out().strip().split("\n")) {
            read.add(Json.MAPPER.readValue(line, Forecast.class));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(published);

        CliRun table = run("consume", "--from-beginning", "--max", "2");
        assertThat(table.out()).contains("symbol", "forecast").contains("AAA", "101.50", "+1.50%", "lstm").contains("BBB", "naive");
    }

    @Test
    void modelsListShowsTheRegistryAndRollbackServesAnOlderVersionAgain() throws Exception {
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(2), List.of(new double[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), LstmTrainer.EpochListener.NONE);
        try (ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), "tickcast-models")) {
            publisher.publish(ModelRecord.forced(trained.model(), 1, Instant.parse("2026-01-01T00:00:00Z")));
            publisher.publish(ModelRecord.forced(trained.model(), 2, Instant.parse("2026-01-02T00:00:00Z")));
            publisher.send("v000000000003", "garbage".getBytes(StandardCharsets.UTF_8));
        } finally {
            trained.model().close();
        }
        CliRun list = run("models", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("2026-01-01 00:00:00", "2026-01-02 00:00:00", "forced", "rejected: malformed");

        CliRun rollback = run("models", "rollback", "1");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        List<ConsumerRecord<String, byte[]>> registry = TopicRecords.read(config.kafkaClientProperties(), "tickcast-models",
                new StringDeserializer(), new ByteArrayDeserializer(), 4, Duration.ofSeconds(30), Duration.ZERO);
        ModelRecord newest = ModelRecordCodec.decode(registry.get(registry.size() - 1).value());
        assertThat(newest.version()).isEqualTo(1);
        assertThat(newest.promotedBy()).isEqualTo("rollback");

        CliRun missing = run("models", "rollback", "7");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("version 7 is not in the registry");

        // the trainer demoted v2 (live forecasts worse than naive): naive serves, and v2 is never served again
        try (ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), "tickcast-models")) {
            publisher.publish(ModelRecord.naive(4, Instant.parse("2026-01-03T00:00:00Z"), new ModelRecord.Demotion(2,
                    Instant.parse("2026-01-03T00:00:00Z"), 1.31, new DieboldMariano(500, 125, 4, 1e-5, 4.05, 3.1e-5), 0.05)));
        }
        CliRun listed = run("models", "list");
        assertThat(listed.out()).contains("demoted").contains("after v2 was demoted: live RMSE ratio to naive 1.3100, DM 4.05")
                .containsPattern("(?m)^\\d+ +4 +demotion +naive .* serving");
        CliRun demoted = run("models", "rollback", "2");
        assertThat(demoted.exitCode()).isEqualTo(1);
        assertThat(demoted.err()).contains("v2 was demoted");

        // a rollback carries what was demoted, so the knowledge outlives the demotion record
        CliRun back = run("models", "rollback", "1");
        assertThat(back.exitCode()).as(back.err()).isZero();
        List<ConsumerRecord<String, byte[]>> after = TopicRecords.read(config.kafkaClientProperties(), "tickcast-models",
                new StringDeserializer(), new ByteArrayDeserializer(), 6, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(ModelRecordCodec.decode(after.get(after.size() - 1).value()).demotedVersions()).containsExactly(2L);

        // the trainer deletes v2 with a tombstone: it is no longer listed, and cannot be rolled back to
        try (ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), "tickcast-models")) {
            publisher.send(ModelRecord.key(2), null);
        }
        CliRun pruned = run("models", "list");
        assertThat(pruned.out()).doesNotContainPattern("(?m)^\\d+ +2 ").doesNotContain("tombstone")
                .containsPattern("(?m)^\\d+ +1 +rollback .* serving");
        CliRun gone = run("models", "rollback", "2");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("version 2 is not in the registry");
    }

}
