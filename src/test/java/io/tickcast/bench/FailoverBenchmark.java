package io.tickcast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.broker.EmbeddedKafka;
import io.tickcast.cli.CliProcess;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Failover of the forecasting stream: three {@code tickcast run --role stream} instances (JVMs of their own) under a
 * steady tick rate; one is SIGKILLed; per partition of the forecasts topic (that has forecasts: symbols hash onto
 * some partitions only), the time from the kill to the first forecast produced after it, and the end-to-end latency (a forecast's {@code producedAt} minus its tick's send
 * time) of the forecasts produced in the minute after the kill, p50 and p99. Scenarios ({@code bench.scenarios},
 * each {@code standby/sessionMs/transactionMs/restart}, e.g. {@code 1/6000/10000/no}): standby replicas, the
 * consumers' session timeout (heartbeat a third of it), the producers' transaction timeout (a dead instance's open
 * transaction holds back read_committed readers of the repartition and changelog topics until the broker aborts it;
 * Kafka Streams' default under exactly-once is 10 s), and whether the killed instance is started again 2 s after
 * the kill. Each scenario runs
 * {@code bench.runs} times (default 5); it prints each run and the median of the slowest partition's gap.
 *
 * <p>The broker is {@code bench.bootstrap} (e.g. {@code ../shared/tools/kafka-broker/broker.sh start}) or, without
 * it, an in-process KRaft broker. {@code bench.symbols} (24), {@code bench.rate} (ticks/s, 30),
 * {@code bench.partitions} (6). Not a test: nothing is asserted; docs/benchmarks.md has its results.
 */
public final class FailoverBenchmark {

    private static final int INSTANCES = 3;
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private final String bootstrap;
    private final int symbols = Integer.getInteger("bench.symbols", 24);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "30"));
    private final int partitions = Integer.getInteger("bench.partitions", 6);
    private final Path dir;

    private record Scenario(int standby, int sessionMs, int transactionMs, boolean restart) {
        static Scenario parse(String s) {
            String[] p = s.split("/");
            return new Scenario(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    p[3].equals("yes"));
        }

        @Override
        public String toString() {
            return "standby " + standby + ", session " + sessionMs + " ms, transactions " + transactionMs
                    + " ms, killed instance " + (restart ? "restarted" : "not restarted");
        }
    }

    /**
     * One run: per partition the gap from the kill to its next forecast (ms; -1: none), latencies after it, and the
     * forecasts missing (a tick sent with a full window but no committed forecast for its day) and duplicated (a
     * symbol's day forecast more than once).
     */
    private record Run(Map<Integer, Long> gaps, List<Long> latencies, long missing, long duplicated) {
        long slowest() {
            return gaps.values().stream().mapToLong(g -> g < 0 ? Long.MAX_VALUE : g).max().orElse(-1);
        }

        long latency(double q) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
        }
    }

    private FailoverBenchmark(String bootstrap, Path dir) {
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        String external = System.getProperty("bench.bootstrap");
        Path dir = Files.createTempDirectory("tickcast-failover-");
        try (EmbeddedKafka embedded = external == null ? EmbeddedKafka.start() : null) {
            FailoverBenchmark bench = new FailoverBenchmark(external != null ? external : embedded.bootstrapServers(), dir);
            int runs = Integer.getInteger("bench.runs", 5);
            List<Scenario> scenarios = Arrays.stream(System.getProperty("bench.scenarios",
                    "0/45000/10000/no,1/6000/10000/no,1/6000/10000/yes,0/6000/10000/no").split(",")).map(Scenario::parse).toList();
            Map<Scenario, List<Run>> all = new java.util.LinkedHashMap<>();
            int n = 0;
            for (int r = 0; r < runs; r++) {
                for (Scenario s : scenarios) {
                    Run run = bench.run(s, "failover-" + ProcessHandle.current().pid() + "-" + (n++));
                    all.computeIfAbsent(s, k -> new ArrayList<>()).add(run);
                    System.out.printf(Locale.ROOT, "%s, run %d: slowest partition forecast again %.1f s after the kill; "
                                    + "per partition %s; latency after the kill p50 %d ms, p99 %d ms; forecasts missing %d, "
                                    + "duplicated %d%n", s, r + 1, run.slowest() / 1000.0, run.gaps(), run.latency(0.5),
                            run.latency(0.99), run.missing(), run.duplicated());
                }
            }
            System.out.println();
            for (var e : all.entrySet()) {
                long[] slowest = e.getValue().stream().mapToLong(Run::slowest).sorted().toArray();
                long[] p99 = e.getValue().stream().mapToLong(r -> r.latency(0.99)).sorted().toArray();
                System.out.printf(Locale.ROOT, "%s: every partition forecast again within %.1f s of the kill (median of "
                                + "%d runs; runs %s s); p99 latency in the minute after the kill, median %.1f s%n",
                        e.getKey(), slowest[slowest.length / 2] / 1000.0, slowest.length,
                        Arrays.toString(Arrays.stream(slowest).mapToObj(x -> String.format(Locale.ROOT, "%.1f", x / 1000.0))
                                .toArray()), p99[p99.length / 2] / 1000.0);
            }
        }
    }

    private Run run(Scenario s, String appId) throws Exception {
        String ticks = appId + "-ticks";
        String forecasts = appId + "-forecasts";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ticks, partitions, (short) 1),
                    new NewTopic(forecasts, partitions, (short) 1), new NewTopic(appId + "-dlq", 1, (short) 1),
                    new NewTopic(appId + "-models", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        List<CliProcess> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(instance(s, appId, i));
        }
        AtomicBoolean ticking = new AtomicBoolean(true);
        List<ConsumerRecord<String, Forecast>> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = reader(forecasts, reading, seen);
        Map<String, Integer> sent = new java.util.concurrent.ConcurrentHashMap<>();
        Thread ticker = ticker(ticks, ticking, sent);
        reader.start();
        ticker.start();
        try {
            // all instances up and every symbol forecast, then the warm-up
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (seen.stream().map(ConsumerRecord::key).distinct().count() < symbols) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every symbol forecast within 3 min (" + seen.size()
                            + " forecasts): " + instances.get(0).log());
                }
                Thread.sleep(200);
            }
            Thread.sleep(WARM_UP.toMillis());
            Instant kill = Instant.now();
            instances.get(0).kill();
            if (s.restart()) {
                Thread.sleep(2_000);
                instances.set(0, instance(s, appId, 0));
            }
            Thread.sleep(Math.max(40_000, s.sessionMs() + 30_000));
            ticking.set(false);
            ticker.join();
            awaitAll(seen, sent, Duration.ofSeconds(60)); // the reader still reads
            reading.set(false);
            reader.join(10_000);
            return measure(seen, kill, sent);
        } finally {
            ticking.set(false);
            reading.set(false);
            for (CliProcess p : instances) {
                p.kill();
            }
        }
    }

    private CliProcess instance(Scenario s, String appId, int i) {
        return CliProcess.start(dir.resolve(appId + "-" + i + ".log"), "run", "--role", "stream", "--bootstrap-server",
                bootstrap, "--set", "application.id=" + appId, "--set", "topic.ticks=" + appId + "-ticks",
                "--set", "topic.forecasts=" + appId + "-forecasts", "--set", "topic.dead-letter=" + appId + "-dlq",
                "--set", "topic.models=" + appId + "-models",
                "--set", "state.dir=" + dir.resolve(appId + "-state-" + i), "--set", "http.host=127.0.0.1",
                "--set", "http.port=0", "--set", "kafka.num.standby.replicas=" + s.standby(),
                "--set", "kafka.session.timeout.ms=" + s.sessionMs(),
                "--set", "kafka.heartbeat.interval.ms=" + Math.max(500, s.sessionMs() / 3),
                "--set", "kafka.transaction.timeout.ms=" + s.transactionMs());
    }

    /** Random walks of {@code symbols} symbols, one day of all of them after another, at {@code rate} ticks/s. */
    private Thread ticker(String topic, AtomicBoolean ticking, Map<String, Integer> sent) {
        return new Thread(() -> {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            double[] close = new double[symbols];
            Arrays.fill(close, 100);
            Random random = new Random(7);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                long start = System.nanoTime();
                long count = 0;
                for (int day = 0; ticking.get(); day++) {
                    LocalDate date = LocalDate.of(2000, 1, 1).plusDays(day);
                    for (int s = 0; s < symbols && ticking.get(); s++) {
                        close[s] *= Math.exp(0.01 * random.nextGaussian());
                        String symbol = "S" + s;
                        producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), symbol,
                                "{\"symbol\":\"" + symbol + "\",\"date\":\"" + date + "\",\"close\":" + close[s] + "}"));
                        sent.merge(symbol, 1, Integer::sum);
                        long due = start + (long) (++count / rate * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ticker");
    }

    /** Reads every committed forecast as it comes. */
    private Thread reader(String topic, AtomicBoolean reading, List<ConsumerRecord<String, Forecast>> into) {
        return new Thread(() -> {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (KafkaConsumer<String, Forecast> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    JsonSerde.of(Forecast.class).deserializer())) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    tps.add(new TopicPartition(topic, i));
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                while (reading.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(into::add);
                }
            }
        }, "reader");
    }

    /** Expected forecasts: per symbol, one per tick sent from its fifth on. */
    private static long expected(Map<String, Integer> sent) {
        return sent.values().stream().mapToLong(n -> Math.max(0, n - 4)).sum();
    }

    /** Waits (bounded) until as many distinct forecasts as ticks with full windows are read. */
    private static void awaitAll(List<ConsumerRecord<String, Forecast>> seen, Map<String, Integer> sent, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && seen.stream().map(r -> r.key() + r.value().asOf()).distinct().count()
                < expected(sent)) {
            Thread.sleep(200);
        }
    }

    private Run measure(List<ConsumerRecord<String, Forecast>> seen, Instant kill, Map<String, Integer> sent) {
        Map<Integer, Long> gaps = new TreeMap<>(); // the partitions that had forecasts before the kill
        seen.stream().filter(r -> !r.value().producedAt().isAfter(kill)).forEach(r -> gaps.put(r.partition(), -1L));
        List<Long> latencies = new ArrayList<>();
        Map<Integer, Instant> first = new HashMap<>();
        Instant window = kill.plusSeconds(60);
        for (ConsumerRecord<String, Forecast> r : seen) {
            Instant produced = r.value().producedAt();
            if (produced.isAfter(kill)) {
                first.merge(r.partition(), produced, (a, b) -> a.isBefore(b) ? a : b);
                if (produced.isBefore(window)) {
                    latencies.add(produced.toEpochMilli() - r.timestamp());
                }
            }
        }
        first.forEach((p, t) -> gaps.computeIfPresent(p, (k, v) -> Duration.between(kill, t).toMillis()));
        long distinct = seen.stream().map(r -> r.key() + "@" + r.value().asOf()).distinct().count();
        return new Run(gaps, latencies, Math.max(0, expected(sent) - distinct), seen.size() - distinct);
    }
}
