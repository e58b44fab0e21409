package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import io.tickcast.records.TickParser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickcast produce} while the broker goes away mid-replay: every tick ends up in the topic exactly once, or
 * the command fails and says exactly how many ticks, from the first in date order, are there.
 */
class ProduceAcrossBrokerOutageIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @AfterEach
    void brokerRunsForTheNextTest() {
        kafka.restart();
    }

    @Test
    void anOutageLongerThanTheClientTimeoutButShorterThanTheDeliveryTimeoutLosesNoTickAndDuplicatesNone()
            throws Exception {
        String topic = createTopic("ticks-short-outage");
        Path csv = ticksFile(1000);
        CompletableFuture<CliRun> produce = CompletableFuture.supplyAsync(() -> produce(topic, csv, "--rate", "100"));

        await().atMost(Duration.ofSeconds(60)).until(() -> recordsIn(topic) >= 100);
        kafka.stop();
        // down for longer than client.timeout (15 s), the bound of produce's start-up check, and well within
        // client.delivery-timeout (2 min): produce keeps waiting for the cluster
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).until(() -> !produce.isDone());
        kafka.restart();

        CliRun r = produce.get();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("published 1000 ticks to " + topic);
        List<ConsumerRecord<String, byte[]>> records = readAll(topic);
        assertThat(records).hasSize(1000);
        Map<String, Long> copies = copiesByTick(records);
        assertThat(copies).as("every tick once").hasSize(1000).allSatisfy((tick, n) -> assertThat(n).as(tick).isEqualTo(1));
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids(inDateOrder(csv)));
        Map<String, List<LocalDate>> datesBySymbol = records.stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(rec -> TickParser.parse(rec.value()).tick().date(), Collectors.toList())));
        datesBySymbol.values().forEach(dates -> assertThat(dates).isSorted());
    }

    @Test
    void aBrokerThatStaysDownStopsProduceWithTheExactNumberPublishedAndSkipResumes() throws Exception {
        String topic = createTopic("ticks-long-outage");
        Path csv = ticksFile(600);
        List<String> expected = ids(inDateOrder(csv));
        CompletableFuture<CliRun> produce = CompletableFuture.supplyAsync(() -> produce(topic, csv, "--rate", "100",
                "--set", "client.delivery-timeout=PT3S"));

        await().atMost(Duration.ofSeconds(60)).until(() -> recordsIn(topic) >= 100);
        kafka.stop();
        CliRun r = await().atMost(Duration.ofSeconds(90)).until(() -> produce.getNow(null), run -> run != null);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("published 600");
        Matcher m = Pattern.compile("the first (\\d+) ticks of .* in date order are in " + topic).matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        int published = Integer.parseInt(m.group(1));
        assertThat(published).isBetween(100, 599);
        assertThat(r.err()).contains("produce stopped: the cluster at " + kafka.bootstrapServers(),
                "did not acknowledge tick " + (published + 1) + " of 600", "client.delivery-timeout is PT3S",
                "resume with: tickcast produce " + csv + " --skip " + published);

        kafka.restart();
        Map<String, Long> copies = copiesByTick(readAll(topic));
        for (String tick : expected.subList(0, published)) {
            assertThat(copies.get(tick)).as("published tick " + tick).isEqualTo(1);
        }
        assertThat(copies.values()).as("nothing twice").allSatisfy(n -> assertThat(n).isEqualTo(1));

        CliRun resumed = produce(topic, csv, "--skip", Integer.toString(published));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("published " + (600 - published) + " ticks to " + topic
                + " (after skipping the first " + published + ")");
        Map<String, Long> after = copiesByTick(readAll(topic));
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String tick : expected.subList(0, published)) {
            assertThat(after.get(tick)).as("published before the stop, not sent again: " + tick).isEqualTo(1);
        }
    }

    private static CliRun produce(String topic, Path csv, String... options) {
        List<String> args = new ArrayList<>(List.of("produce", csv.toString(), "--no-progress",
                "--bootstrap-servers=" + kafka.bootstrapServers(), "--set", "topic.ticks=" + topic));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Two symbols, one tick each per day, written in date order. */
    private Path ticksFile(int ticks) throws Exception {
        StringBuilder sb = new StringBuilder("symbol,date,close\n");
        LocalDate day = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < ticks; i++) {
            sb.append(i % 2 == 0 ? "AAA," : "BBB,").append(day.plusDays(i / 2)).append(',').append(100 + i % 17).append('\n');
        }
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    private static List<Tick> inDateOrder(Path csv) {
        return CsvTickReader.inDateOrder(CsvTickReader.read(csv));
    }

    private static String id(Tick t) {
        return t.symbol() + "@" + t.date();
    }

    private static List<String> ids(List<Tick> ticks) {
        return ticks.stream().map(ProduceAcrossBrokerOutageIT::id).toList();
    }

    private static Map<String, Long> copiesByTick(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(rec -> id(TickParser.parse(rec.value()).tick()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Every record in the topic (one producer, no transactions: as many as the partitions' end offsets add up to). */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicRecords.read(client(), topic, new StringDeserializer(), new ByteArrayDeserializer(),
                (int) recordsIn(topic), Duration.ofSeconds(60), Duration.ofMillis(500));
    }

    private static long recordsIn(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(client(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return c.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(client())) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        }
        return name;
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }
}
