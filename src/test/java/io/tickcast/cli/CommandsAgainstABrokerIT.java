package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.tickcast.records.ModelKind;
import io.tickcast.records.TickParser;
import io.tickcast.registry.PromotedBy;
import io.tickcast.topology.DeadLetter;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.service.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
        assertThat(newest.promotedBy()).isEqualTo(PromotedBy.ROLLBACK);

        CliRun missing = run("models", "rollback", "7");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("version 7 is not in the registry");

        // the trainer demoted v2 (live forecasts worse than naive): naive serves, and v2 is never served again
        try (ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), "tickcast-models")) {
            publisher.publish(ModelRecord.naive(4, Instant.parse("2026-01-03T00:00:00Z"), new ModelRecord.Demotion(2,
                    Instant.parse("2026-01-03T00:00:00Z"), 1.31, new DieboldMariano(500, 125, 4, 1e-5, 4.05, 3.1e-5), 0.05, 0, 0)));
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

    /** Raw records onto a topic, as any Kafka client (kcat, the console producer) writes them. */
    private static void write(String topic, Integer partition, String key, String value, RecordHeaders headers) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(ClientSettings.durableProducer(config.kafkaClientProperties()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, partition, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                    headers)).get();
        }
    }

    private static List<JsonNode> jsonLines(CliRun r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void consumeReadsDeadLettersWithTheirReasonAndSourceAsTableOrJson() throws Exception {
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("dl-ticks", "dl-forecasts", "dl-dlq", "dl-models")),
                2, (short) 1);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.HEADER_REASON, "bad-close".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_DETAIL, "close must be a finite number > 0, was 0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_SOURCE_TOPIC, "ticks".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_SOURCE_PARTITION, "1".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_SOURCE_OFFSET, "17".getBytes(StandardCharsets.UTF_8));
        write("dl-dlq", 1, "AAA", "{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":0}", headers);

        CliRun table = run("consume", "--topic-kind", "dead-letters", "--topic", "dl-dlq", "--from-beginning");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("reason", "source").contains("bad-close", "ticks-1@17",
                "close must be a finite number > 0, was 0", "{\"symbol\":\"AAA\"");
        assertThat(table.err()).contains("read 1 record from dl-dlq");

        CliRun json = run("consume", "--topic-kind", "dead-letters", "--topic", "dl-dlq", "--from-beginning", "--json",
                "--print-metadata");
        List<JsonNode> lines = jsonLines(json);
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("partition").asInt()).isEqualTo(1);
        assertThat(line.get("offset").asLong()).isZero();
        assertThat(line.get("key").asText()).isEqualTo("AAA");
        assertThat(line.at("/value/reason").asText()).isEqualTo("bad-close");
        assertThat(line.at("/value/source/offset").asLong()).isEqualTo(17);
        assertThat(line.get("headers")).hasSize(5);
    }

    @Test
    void consumeReadsModelRecordsWithoutTheirWeights() throws Exception {
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("mr-ticks", "mr-forecasts", "mr-dlq", "mr-models")),
                1, (short) 1);
        ModelRecord record = new ModelRecord(ModelRecord.FORMAT_VERSION, 7, Instant.parse("2026-01-01T00:00:00Z"), PromotedBy.GATE,
                ModelKind.LSTM, new ModelRecord.Architecture(5, 2, 8), null,
                new ModelRecord.DataRange(1, 300, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31)), null, null,
                List.of(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, null, null);
        try (ModelPublisher publisher = new ModelPublisher(config.kafkaClientProperties(), "mr-models")) {
            publisher.publish(record);
            publisher.send(ModelRecord.key(6), null);
        }
        CliRun table = run("consume", "--topic-kind", "models", "--topic", "mr-models", "--from-beginning");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("(?m)^v7 +gate +lstm +2026-01-01 00:00:00 +2019-12-31 .* 12 +-$")
                .contains("v000000000006 deleted (tombstone)");

        CliRun json = run("consume", "--topic-kind", "models", "--topic", "mr-models", "--from-beginning", "--format", "json",
                "--max-messages", "1");
        List<JsonNode> lines = jsonLines(json);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("version").asLong()).isEqualTo(7);
        assertThat(lines.get(0).get("trainedThrough").asText()).isEqualTo("2019-12-31");
        assertThat(lines.get(0).get("modelBytes").asInt()).isEqualTo(12);
        assertThat(lines.get(0).has("model")).isFalse();
    }

    @Test
    void consumeReadsTicksFromAPartitionAndOffsetAndReadsNothingFromTheEndWithoutFollow() throws Exception {
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("po-ticks", "po-forecasts", "po-dlq", "po-models")),
                2, (short) 1);
        for (int day = 1; day <= 3; day++) {
            write("po-ticks", 0, "AAA", "{\"symbol\":\"AAA\",\"date\":\"2020-01-0" + day + "\",\"close\":" + (100 + day) + "}", null);
        }
        write("po-ticks", 1, "BBB", "{\"symbol\":\"BBB\",\"date\":\"2020-01-01\"}", null);   // no close: invalid

        CliRun all = run("consume", "--topic-kind", "ticks", "--topic", "po-ticks", "--from-beginning");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines().filter(l -> l.startsWith("AAA"))).hasSize(3);
        assertThat(all.out()).contains("invalid: bad-close: close must be a finite number > 0, was missing");

        CliRun fromOffset = run("consume", "--topic-kind", "ticks", "--topic", "po-ticks", "--partition", "0", "--offset", "1",
                "--format", "json");
        assertThat(fromOffset.exitCode()).as(fromOffset.err()).isZero();
        assertThat(jsonLines(fromOffset)).extracting(n -> n.get("date").asText()).containsExactly("2020-01-02", "2020-01-03");

        CliRun noPartition = run("consume", "--topic-kind", "ticks", "--topic", "po-ticks", "--partition", "5");
        assertThat(noPartition.exitCode()).isEqualTo(1);
        assertThat(noPartition.err()).contains("topic po-ticks has partitions 0..1, no partition 5");
        CliRun pastTheEnd = run("consume", "--topic-kind", "ticks", "--topic", "po-ticks", "--partition", "0", "--offset", "9");
        assertThat(pastTheEnd.exitCode()).isEqualTo(1);
        assertThat(pastTheEnd.err()).contains("partition 0 of po-ticks holds offsets 0..2; offset 9 is past its end");

        CliRun fromTheEnd = run("consume", "--topic-kind", "ticks", "--topic", "po-ticks");
        assertThat(fromTheEnd.exitCode()).as(fromTheEnd.err()).isZero();
        assertThat(fromTheEnd.out().strip()).startsWith("symbol").doesNotContain("AAA");
        assertThat(fromTheEnd.err()).contains("read 0 records from po-ticks: consume started at the end");
    }

    @Test
    void consumeFollowWaitsForRecordsWrittenAfterItStarted() throws Exception {
        TopicAdmin.ensureTopics(config.withTopics(new TickcastConfig.Topics("fo-ticks", "fo-forecasts", "fo-dlq", "fo-models")),
                1, (short) 1);
        write("fo-ticks", null, "OLD", "{\"symbol\":\"OLD\",\"date\":\"2020-01-01\",\"close\":1}", null);
        CompletableFuture<CliRun> following = CompletableFuture.supplyAsync(() ->
                run("consume", "--topic-kind", "ticks", "--topic", "fo-ticks", "--follow", "--max", "1", "--json"));
        AtomicInteger sent = new AtomicInteger();
        // consume starts at the end: write new ticks until it has printed one (it then stops: --max 1)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            write("fo-ticks", null, "NEW", "{\"symbol\":\"NEW\",\"date\":\"2020-01-0" + (1 + sent.incrementAndGet() % 9)
                    + "\",\"close\":2}", null);
            return following.isDone();
        });
        CliRun r = following.get();
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> lines = jsonLines(r);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("symbol").asText()).isEqualTo("NEW");
    }
}
