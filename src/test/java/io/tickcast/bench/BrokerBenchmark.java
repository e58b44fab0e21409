package io.tickcast.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import io.tickcast.broker.EmbeddedKafka;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.kafka.TempDirs;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import io.tickcast.service.ForecastService;
import io.tickcast.service.TopicAdmin;
import io.tickcast.serving.ChallengerTerms;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.StreamEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The forecasting stream against a real broker, exactly-once on, with the LSTM installed vs the naive fallback
 * in the same run (the variants of {@code bench.variants} in turn, their order rotated every round), medians over
 * rounds. Two modes:
 * <ul>
 *   <li>{@code backlog} (default): every tick is in the topic before the stream starts; forecasts/s between the
 *       10% and the 90% mark of the committed forecasts (start-up and the tail left out);</li>
 *   <li>{@code latency}: the stream runs caught up while ticks are published at fixed rates
 *       ({@code bench.rates}, ticks/s); tick-to-forecast latency = when the committed forecast is read minus
 *       when its tick was sent, p50/p99/max.</li>
 * </ul>
 * The broker is {@code bench.bootstrap} (e.g. {@code ../shared/tools/kafka-broker/broker.sh start}: a separate
 * JVM) or, without it, an in-process KRaft broker. Settings: {@code bench.mode}, {@code bench.symbols},
 * {@code bench.days}, {@code bench.rounds}, {@code bench.partitions}, {@code bench.rates}, {@code bench.seconds}
 * (per latency run), {@code bench.variants}. Not a test: nothing is asserted; docs/benchmarks.md has its results.
 */
public final class BrokerBenchmark {

    private static final int WINDOW = 5;

    private final String bootstrap;
    private final int partitions = Integer.getInteger("bench.partitions", 3);
    private final byte[] modelBytes;
    /**
     * The variants each round runs, order rotated per round: {@code naive} (no model), {@code lstm} (the model, with
     * the default batching), {@code lstm-unbatched} (the model, {@code stream.batch.max-size=1}: one call per tick)
     * and {@code lstm-retraining} (the model, while another thread of the process trains a model of the default
     * shape, 100 epochs on 1,200 windows, over and over, as the trainer of role {@code all} does) and
     * {@code lstm-retraining-paced} (the same with the training held to {@code bench.training-share} of a core,
     * 0.5 by default, as {@code trainer.cpu-share}'s default holds the trainer of role {@code all}; the unpaced
     * {@code lstm-retraining} is {@code trainer.cpu-share=1}), and {@code challenger} (the model as a challenger that
     * serves no symbol until its evidence promotes it: it forecasts every window and every forecast is scored into
     * the symbol's evidence in the evidence store, so this is the per-symbol loop's whole cost; on random walks
     * nothing is promoted and naive is served).
     */
    private final List<String> variants = List.of(System.getProperty("bench.variants", "naive,lstm,lstm-unbatched").split(","));

    private BrokerBenchmark(String bootstrap, byte[] modelBytes) {
        this.bootstrap = bootstrap;
        this.modelBytes = modelBytes;
    }

    public static void main(String[] args) throws Exception {
        DjlSetup.apply();
        String mode = System.getProperty("bench.mode", "backlog");
        String external = System.getProperty("bench.bootstrap");
        try (EmbeddedKafka embedded = external == null ? EmbeddedKafka.start() : null) {
            String servers = external != null ? external : embedded.bootstrapServers();
            System.out.printf(Locale.ROOT, "broker %s (%s); mode %s%n", servers, external != null ? "external" : "in-process", mode);
            BrokerBenchmark bench = new BrokerBenchmark(servers, trainedModel());
            if (mode.equals("latency")) {
                bench.latency();
            } else {
                // bench.symbols and bench.days may list several sizes (paired in order): each is a backlog of its own
                String[] symbolCounts = System.getProperty("bench.symbols", "1000").split(",");
                String[] dayCounts = System.getProperty("bench.days", "60").split(",");
                for (int i = 0; i < symbolCounts.length; i++) {
                    bench.backlog(Integer.parseInt(symbolCounts[i].trim()),
                            Integer.parseInt(dayCounts[Math.min(i, dayCounts.length - 1)].trim()));
                }
            }
        }
    }

    /** A model of the default shape; its quality does not matter here, only what a call costs. */
    private static byte[] trainedModel() {
        List<double[]> series = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            series.add(walk(new Random(100 + s), 300));
        }
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(3), series, LstmTrainer.EpochListener.NONE);
        try (LstmModel model = trained.model()) {
            return model.toBytes();
        }
    }

    private static double[] walk(Random random, int days) {
        double[] closes = new double[days];
        double price = 100;
        for (int d = 0; d < days; d++) {
            price *= Math.exp(0.01 * random.nextGaussian());
            closes[d] = price;
        }
        return closes;
    }

    /** {@code symbols} seeded random walks of {@code days} closes each, in date order (a day's ticks together). */
    private static List<Tick> ticks(int symbols, int days, long seed) {
        List<double[]> walks = new ArrayList<>();
        Random random = new Random(seed);
        for (int s = 0; s < symbols; s++) {
            walks.add(walk(random, days));
        }
        List<Tick> ticks = new ArrayList<>(symbols * days);
        LocalDate start = LocalDate.of(2000, 1, 3);
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < symbols; s++) {
                ticks.add(new Tick(String.format(Locale.ROOT, "S%06d", s), start.plusDays(d), walks.get(s)[d], null, null, null, null));
            }
        }
        return ticks;
    }

    /** A fresh application id, forecast topic and state dir for one run of one variant. */
    private TickcastConfig runConfig(String ticksTopic, String variant) {
        String id = "bench-" + variant + "-" + UUID.randomUUID().toString().substring(0, 8);
        TickcastConfig defaults = TickcastConfig.load(List.of(), Map.of(), settings());
        TickcastConfig config = defaults.withBootstrapServers(bootstrap).withApplicationId(id)
                .withTopics(new TickcastConfig.Topics(ticksTopic, id + "-forecasts", id + "-dlq", id + "-models"))
                .withStateDir(TempDirs.create(id).toString())
                .withBatching(variant.endsWith("-unbatched") ? TickcastConfig.Batching.NONE : defaults.batching());
        TopicAdmin.ensureTopics(config, partitions, (short) 1);
        return config;
    }

    /** A run's service and its model slot: closing it stops the service and closes the run's model. */
    private record RunningService(ForecastService service, ModelSlot slot) implements AutoCloseable {
        @Override
        public void close() {
            try {
                service.close();
            } finally {
                slot.clear("benchmark run over"); // else each run's model waits for the finalizer (RSS grew run by run)
            }
        }
    }

    private RunningService start(TickcastConfig config, String variant) throws InterruptedException {
        ModelSlot slot = new ModelSlot(WINDOW);
        if (variant.startsWith("lstm")) {
            slot.install(LstmModel.fromBytes(modelBytes, LstmConfig.DEFAULT), 1);
        } else if (variant.equals("challenger")) {
            // trained before any day of the benchmark: every live forecast counts as evidence
            slot.install(LstmModel.fromBytes(modelBytes, LstmConfig.DEFAULT), 1, null,
                    new ChallengerTerms(false, LocalDate.of(1900, 1, 1), java.util.Map.of(), 1));
        }
        ForecastService service = new ForecastService(config, slot, StreamEvents.NONE, Clock.systemUTC());
        service.start();
        if (!service.awaitRunning(Duration.ofMinutes(2))) {
            service.close();
            throw new IllegalStateException("stream not running within 2 minutes");
        }
        return new RunningService(service, slot);
    }

    private KafkaConsumer<String, Forecast> reader(TickcastConfig config) {
        Properties p = ClientSettings.groupFreeReader(config.kafkaClientProperties());
        KafkaConsumer<String, Forecast> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer());
        ClientSettings.assignAll(consumer, config.topics().forecasts(), true);
        return consumer;
    }

    // ---- backlog ----

    private void backlog(int symbols, int days) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Tick> ticks = ticks(symbols, days, 7);
        String topic = "bench-ticks-" + UUID.randomUUID().toString().substring(0, 8);
        TopicAdmin.ensureTopics(TickcastConfig.defaults().withBootstrapServers(bootstrap)
                .withTopics(new TickcastConfig.Topics(topic, topic + "-unused", topic + "-unused-dlq", topic + "-unused-models")),
                partitions, (short) 1);
        try (TickPublisher publisher = new TickPublisher(TickcastConfig.defaults().withBootstrapServers(bootstrap)
                .kafkaClientProperties(), topic)) {
            publisher.publish(ticks, 0, n -> { });
        }
        int expected = symbols * (days - WINDOW + 1);
        System.out.printf(Locale.ROOT, "backlog: %d symbols x %d days = %d ticks in %s (%d partitions); %d forecasts per run%n",
                symbols, days, ticks.size(), topic, partitions, expected);
        Map<String, List<Double>> rates = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String variant : order(round)) {
                double rate = backlogRun(topic, variant, expected);
                rates.computeIfAbsent(variant, k -> new ArrayList<>()).add(rate);
                System.out.printf(Locale.ROOT, "round %d %-14s %,10.0f forecasts/s%n", round + 1, variant, rate);
            }
        }
        System.out.printf(Locale.ROOT, "%n| variant | median forecasts/s | runs |%n|---|---:|---|%n");
        for (String variant : variants) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %s |%n", variant, median(rates.get(variant)), list(rates.get(variant)));
        }
        if (rates.containsKey("naive")) {
            for (String variant : variants) {
                if (!variant.equals("naive")) {
                    System.out.printf(Locale.ROOT, "%s / naive = %.2f (median of per-round ratios)%n", variant,
                            medianRatio(rates.get(variant), rates.get("naive")));
                }
            }
        }
    }

    /** {@code bench.set}: tickcast settings for every run, {@code key=value;key=value} (e.g. kafka.commit.interval.ms=20). */
    private static Map<String, String> settings() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : System.getProperty("bench.set", "").split(";")) {
            if (!pair.isBlank()) {
                out.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return out;
    }

    /** Trains over and over on its own thread until closed: a retraining in the same process. */
    private static final class BackgroundTraining implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger trainings = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread;

        BackgroundTraining(double share) {
            List<double[]> series = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                series.add(walk(new Random(200 + s), 305));
            }
            thread = new Thread(() -> {
                while (!stop.get()) {
                    LstmTrainer.train(LstmConfig.DEFAULT, series, io.tickcast.training.TrainingPace.of(share)).model().close();
                    trainings.incrementAndGet();
                }
            }, "bench-retraining");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
            System.out.printf(Locale.ROOT, "  (%d trainings finished during the run)%n", trainings.get());
        }
    }

    /** The variants in round {@code round}'s order: rotated by one each round, so each runs first in turn. */
    private List<String> order(int round) {
        List<String> order = new ArrayList<>(variants);
        java.util.Collections.rotate(order, round);
        return order;
    }

    private static double medianRatio(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return median(ratios);
    }

    private double backlogRun(String ticksTopic, String variant, int expected) throws Exception {
        TickcastConfig config = runConfig(ticksTopic, variant);
        long t10 = 0;
        long t90 = 0;
        long count = 0;
        try (RunningService service = start(config, variant);
             KafkaConsumer<String, Forecast> reader = reader(config)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                count += reader.poll(Duration.ofMillis(200)).count();
                long now = System.nanoTime();
                if (t10 == 0 && count >= expected / 10) {
                    t10 = now;
                }
                if (t90 == 0 && count >= expected * 9L / 10) {
                    t90 = now;
                }
            }
            System.out.printf(Locale.ROOT, "  (%s: state dir %,d MB; process RSS %,d MB, peak %,d MB)%n", variant,
                    directoryBytes(Path.of(config.stateDir())) >> 20, procStatusKb("VmRSS") >> 10, procStatusKb("VmHWM") >> 10);
        } finally {
            TempDirs.deleteQuietly(Path.of(config.stateDir()));
        }
        if (count < expected) {
            throw new IllegalStateException(variant + ": only " + count + " of " + expected + " forecasts");
        }
        return (expected * 0.8) / ((t90 - t10) / 1e9);
    }

    // ---- latency ----

    private void latency() throws Exception {
        int symbols = Integer.getInteger("bench.symbols", 1000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int[] rateList = Arrays.stream(System.getProperty("bench.rates", "500,2000,5000").split(","))
                .mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        System.out.printf(Locale.ROOT, "latency: %d symbols, %d s per run at each rate; p50/p99/max in ms%n", symbols, seconds);
        Map<String, List<double[]>> results = new HashMap<>();
        // one untimed run per variant first: the first run of a JVM (class loading, JIT) is seconds slower
        for (String variant : variants) {
            double[] q = latencyRun(variant, symbols, rateList[0], Math.min(seconds, 5));
            System.out.printf(Locale.ROOT, "warm-up %-14s p50 %7.1f p99 %8.1f ms (not counted)%n", variant, q[0], q[1]);
        }
        for (int rate : rateList) {
            for (int round = 0; round < rounds; round++) {
                for (String variant : order(round)) {
                    double[] q = latencyRun(variant, symbols, rate, seconds);
                    results.computeIfAbsent(variant + " " + rate, k -> new ArrayList<>()).add(q);
                    System.out.printf(Locale.ROOT, "rate %5d round %d %-14s p50 %7.1f p99 %8.1f max %8.1f ms%n", rate, round + 1,
                            variant, q[0], q[1], q[2]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n| ticks/s | variant | p50 ms | p99 ms | max ms |%n|---:|---|---:|---:|---:|%n");
        for (int rate : rateList) {
            for (String variant : variants) {
                List<double[]> runs = results.get(variant + " " + rate);
                System.out.printf(Locale.ROOT, "| %,d | %s | %.0f | %.0f | %.0f |%n", rate, variant,
                        median(runs.stream().map(q -> q[0]).toList()), median(runs.stream().map(q -> q[1]).toList()),
                        median(runs.stream().map(q -> q[2]).toList()));
            }
        }
    }

    /** p50, p99, max latency in ms of one variant at one rate. */
    private double[] latencyRun(String variant, int symbols, int rate, int seconds) throws Exception {
        String topic = "bench-live-" + UUID.randomUUID().toString().substring(0, 8);
        TickcastConfig config = runConfig(topic, variant);
        int days = Math.max(WINDOW + 2, (rate * seconds) / symbols + WINDOW);
        List<Tick> ticks = ticks(symbols, days, 11);
        // the first WINDOW days fill the windows and make one forecast per symbol; timing starts once those
        // have arrived, so the stream is caught up and past its first commits
        List<Tick> warm = ticks.subList(0, symbols * WINDOW);
        List<Tick> timed = ticks.subList(symbols * WINDOW, ticks.size());
        List<Long> latencies = new ArrayList<>();
        try (RunningService service = start(config, variant);
             KafkaConsumer<String, Forecast> reader = reader(config);
             TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), topic);
             BackgroundTraining training = !variant.contains("-retraining") ? null
                     : new BackgroundTraining(variant.endsWith("-paced")
                             ? Double.parseDouble(System.getProperty("bench.training-share", "0.5")) : 1.0)) {
            publisher.publish(warm, 0, n -> { });
            int warmForecasts = 0;
            while (warmForecasts < symbols) {
                warmForecasts += reader.poll(Duration.ofMillis(200)).count();
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < timed.size(); i++) {
                index.put(timed.get(i).symbol() + " " + timed.get(i).date(), i);
            }
            // the publisher paces tick i to start + i / rate: that is when it is due, and latency counts from then
            java.util.concurrent.atomic.AtomicLong start = new java.util.concurrent.atomic.AtomicLong();
            Thread sender = new Thread(() -> {
                start.set(System.nanoTime());
                publisher.publish(timed, rate, n -> { });
            }, "bench-sender");
            sender.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds * 10L + 120).toNanos();
            while (latencies.size() < timed.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Forecast> r : reader.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Integer i = index.get(r.value().symbol() + " " + r.value().asOf());
                    if (i != null) {
                        latencies.add(now - (start.get() + (long) (i * 1e9 / rate)));
                    }
                }
            }
            sender.join();
        } finally {
            TempDirs.deleteQuietly(Path.of(config.stateDir()));
        }
        if (latencies.isEmpty()) {
            throw new IllegalStateException(variant + " at " + rate + "/s: no forecast arrived");
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length < timed.size()) {
            System.out.printf(Locale.ROOT, "  (%s at %d/s: %d of %d forecasts arrived in time)%n", variant, rate, sorted.length, timed.size());
        }
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
            sorted[sorted.length - 1] / 1e6};
    }

    private static long directoryBytes(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** A field of /proc/self/status in kB (VmRSS: resident now, VmHWM: the peak), or -1 where there is none. */
    private static long procStatusKb(String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }
}
