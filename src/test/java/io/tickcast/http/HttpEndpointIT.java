package io.tickcast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.client.ForecastReader;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.metrics.DashboardQueries;
import io.tickcast.metrics.PrometheusText;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.Forecast;
import io.tickcast.records.Json;
import io.tickcast.records.Tick;
import io.tickcast.service.ForecastService;
import io.tickcast.service.TopicAdmin;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.ForecastTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's HTTP side against a real broker (in-process KRaft on 127.0.0.1), over real HTTP on
 * 127.0.0.1: meters that follow the traffic, the dashboard's metrics, the probes through a service's life,
 * and forecast queries, also across two instances.
 */
class HttpEndpointIT {

    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);
    private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/tickcast.json");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path stateRoot;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();
    private static TrainingResult trained;
    /** One service, with the traffic of {@link #sendTraffic} processed: shared by the metrics and query tests. */
    private static Instance traffic;
    private static List<Forecast> trafficForecasts;

    /**
     * A service as `tickcast run` wires it: the metrics and the HTTP socket, the stream with the address that socket
     * advertises and its meters bound, then the HTTP server serving it.
     */
    private record Instance(TickcastMetrics metrics, HttpEndpoint http, ForecastService service) implements AutoCloseable {

        static Instance create(TickcastConfig config, ModelSlot slot) {
            TickcastMetrics metrics = new TickcastMetrics(Clock.systemUTC());
            HttpBinding socket = HttpBinding.bind(config.http());
            TickcastConfig advertised = config.withHttp(socket.advertised());
            ForecastService service = new ForecastService(advertised, slot, metrics.streamEvents(), Clock.systemUTC());
            metrics.bindKafkaStreams(service.streams());
            HttpEndpoint http = HttpEndpoint.start(socket, advertised,
                    HttpEndpoint.Sources.stream(metrics::scrape, service.streams(), slot));
            return new Instance(metrics, http, service);
        }

        Instance started() throws InterruptedException {
            service.start();
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).as("stream RUNNING").isTrue();
            return this;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create(http.url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        PrometheusText scrape() throws IOException, InterruptedException {
            HttpResponse<String> r = get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
            return PrometheusText.parse(r.body());
        }

        String hostPort() {
            return "127.0.0.1:" + http.port();
        }

        @Override
        public void close() {
            service.close();
            http.close();
            metrics.close();
        }
    }

    @BeforeAll
    static void startTheTrafficService() throws Exception {
        double[] wave = new double[60];
        for (int i = 0; i < wave.length; i++) {
            wave[i] = 100 + 5 * Math.sin(i / 4.0);
        }
        trained = LstmTrainer.train(LstmConfig.DEFAULT, List.of(wave), LstmTrainer.EpochListener.NONE);
        sendTraffic();
    }

    @AfterAll
    static void stopAll() {
        if (traffic != null) {
            traffic.close();
        }
        if (trained != null) {
            trained.model().close();
        }
    }

    private static TickcastConfig config(String name) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", name);
        settings.put("state.dir", stateRoot.resolve(name + "-" + System.nanoTime()).toString());
        settings.put("topic.ticks", name + "-ticks");
        settings.put("topic.forecasts", name + "-forecasts");
        settings.put("topic.dead-letter", name + "-dlq");
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        return TickcastConfig.load(List.of(), Map.of(), settings);
    }

    /**
     * BBB: 5 ticks with no model (1 naive forecast); then a model is installed; AAA: 7 ticks (3 LSTM forecasts),
     * a correction of its newest day (1 more) and a tick older than its window (out of order); CCC: 3 ticks
     * (window not full, no forecast); and 5 invalid ticks.
     */
    private static void sendTraffic() throws Exception {
        TickcastConfig config = config("traffic");
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        ModelSlot slot = new ModelSlot(5);
        traffic = Instance.create(config, slot).started();
        List<Forecast> forecasts = new ArrayList<>();
        try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks());
             ForecastReader reader = new ForecastReader(config.kafkaClientProperties(), config.topics().forecasts(), true)) {
            List<Tick> bbb = new ArrayList<>();
            for (int day = 0; day < 5; day++) {
                bbb.add(Tick.of("BBB", D0.plusDays(day), 50 + day));
            }
            publisher.publish(bbb, 0, n -> { });
            publisher.flush();
            read(reader, forecasts, 1);

            slot.install(trained.model(), 7);
            traffic.metrics().modelInstalled(7, Instant.now().minusSeconds(120));

            List<Tick> more = new ArrayList<>();
            for (int day = 0; day < 7; day++) {
                more.add(Tick.of("AAA", D0.plusDays(day), 100 + 5 * Math.sin(day / 4.0)));
            }
            more.add(Tick.of("AAA", D0.plusDays(6), 104.5));  // corrected
            more.add(Tick.of("AAA", D0, 99));                  // out of order: older than the window (days 2..6)
            for (int day = 0; day < 3; day++) {
                more.add(Tick.of("CCC", D0.plusDays(day), 10 + day));
            }
            publisher.publish(more, 0, n -> { });
            publisher.publishRaw("AAA", "not json".getBytes(StandardCharsets.UTF_8));
            publisher.publishRaw(null, "{\"symbol\":".getBytes(StandardCharsets.UTF_8));
            publisher.publishRaw(null, "{\"date\":\"2020-01-01\",\"close\":1}".getBytes(StandardCharsets.UTF_8));
            publisher.publishRaw("DDD", "{\"symbol\":\"DDD\",\"date\":\"2020-13-01\",\"close\":1}".getBytes(StandardCharsets.UTF_8));
            publisher.publishRaw("DDD", "{\"symbol\":\"DDD\",\"date\":\"2020-01-01\",\"close\":-1}".getBytes(StandardCharsets.UTF_8));
            publisher.flush();
            read(reader, forecasts, 5);
        }
        assertThat(countRecords(config.topics().deadLetter(), 6, Duration.ofSeconds(30))).as("dead letters").isEqualTo(6);
        trafficForecasts = forecasts;
    }

    private static void read(ForecastReader reader, List<Forecast> into, int total) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (into.size() < total && System.nanoTime() < deadline) {
            reader.poll(Duration.ofMillis(200), into::add);
        }
        assertThat(into).as("forecasts").hasSize(total);
    }

    private static int countRecords(String topic, int expected, Duration timeout) {
        Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        return TopicRecords.read(client, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), expected, timeout,
                Duration.ZERO).size();
    }

    // (a) the service's meters move with the traffic, exactly

    @Test
    void theServicesMetersCountTheTrafficExactly() throws Exception {
        PrometheusText p = traffic.scrape();
        assertThat(p.get("tickcast_ticks_total", "outcome", "appended", "reason", "none")).isEqualTo(15);
        assertThat(p.get("tickcast_ticks_total", "outcome", "corrected", "reason", "none")).isEqualTo(1);
        Map<String, Double> deadLettered = Map.of("malformed-json", 2.0, "missing-symbol", 1.0, "bad-date", 1.0,
                "bad-close", 1.0, "out-of-order", 1.0);
        deadLettered.forEach((reason, n) -> {
            assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", reason)).as(reason).isEqualTo(n);
            assertThat(p.get("tickcast_dead_letters_total", "reason", reason)).as(reason).isEqualTo(n);
        });
        assertThat(p.get("tickcast_forecasts_total", "model", "naive")).isEqualTo(1);
        assertThat(p.get("tickcast_forecasts_total", "model", "lstm")).isEqualTo(4);
        assertThat(p.get("tickcast_inference_seconds_count", "model", "lstm")).isEqualTo(4);
        assertThat(p.get("tickcast_inference_seconds_bucket", "model", "lstm", "le", "+Inf")).isEqualTo(4);
        assertThat(p.get("tickcast_inference_seconds_sum", "model", "lstm")).isPositive();
        assertThat(p.get("tickcast_inference_seconds_count", "model", "naive")).isEqualTo(1);
        assertThat(p.get("tickcast_model_version")).isEqualTo(7);
        assertThat(p.get("tickcast_model_age_seconds")).isBetween(120.0, 600.0);
        assertThat(p.get("tickcast_window_store_entries")).as("approximately the 3 symbols").isGreaterThanOrEqualTo(3);
        // the client metrics are bound: the consumer lag the dashboard shows is there
        assertThat(p.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("kafka_consumer_fetch_manager_records_lag_max"));
        // bounded cardinality: no tickcast series names a symbol
        assertThat(p.withPrefix("tickcast_")).allSatisfy(s -> {
            assertThat(s.labels()).doesNotContainKey("symbol");
            assertThat(s.labels().values()).doesNotContain("AAA", "BBB", "CCC", "DDD");
        });
        // what the forecasts topic got agrees
        assertThat(trafficForecasts).extracting(Forecast::model).containsExactly("naive", "lstm", "lstm", "lstm", "lstm");
    }

    // (b) every metric a dashboard panel queries is exported

    @Test
    void everyMetricTheDashboardQueriesIsInARealScrape() throws Exception {
        List<String> exprs = DashboardQueries.expressions(DASHBOARD);
        Set<String> used = new TreeSet<>();
        exprs.forEach(e -> used.addAll(DashboardQueries.metricNames(e)));
        assertThat(exprs).as("PromQL expressions in the dashboard").hasSizeGreaterThanOrEqualTo(15);
        assertThat(used).contains("tickcast_ticks_total", "tickcast_forecasts_total", "tickcast_inference_seconds_bucket",
                "tickcast_dead_letters_total", "tickcast_model_version", "tickcast_model_age_seconds",
                "tickcast_training_runs_total", "tickcast_forecast_squared_error_sum", "tickcast_naive_squared_error_sum",
                "tickcast_direction_hits_total", "tickcast_scored_forecasts_total", "kafka_consumer_fetch_manager_records_lag_max");
        PrometheusText p = traffic.scrape();
        Map<String, List<String>> missing = new TreeMap<>();
        for (String expr : exprs) {
            for (String name : DashboardQueries.metricNames(expr)) {
                if (!p.has(name)) {
                    missing.computeIfAbsent(name, k -> new ArrayList<>()).add(expr);
                }
            }
        }
        assertThat(missing).as("metrics the dashboard queries that the service does not export").isEmpty();
    }

    @Test
    void everyMetricAnAlertingRuleQueriesIsInARealScrape() throws Exception {
        List<String> exprs = io.tickcast.deploy.AlertRules.expressions();
        assertThat(exprs).as("alerting rules").hasSizeGreaterThanOrEqualTo(10);
        PrometheusText p = traffic.scrape();
        Map<String, List<String>> missing = new TreeMap<>();
        for (String expr : exprs) {
            for (String name : DashboardQueries.metricNames(expr)) {
                if (!p.has(name) && !name.equals("up")) { // up is Prometheus's own, per scrape target
                    missing.computeIfAbsent(name, k -> new ArrayList<>()).add(expr);
                }
            }
        }
        assertThat(missing).as("metrics the alerting rules query that the service does not export").isEmpty();
    }

    // (d) the latest forecast of a symbol, through interactive queries

    @Test
    void theLatestForecastOfASymbolIsServedAndAnUnknownSymbolIs404() throws Exception {
        HttpResponse<String> aaa = traffic.get("/forecasts/AAA");
        assertThat(aaa.statusCode()).isEqualTo(200);
        assertThat(aaa.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        Forecast latestAaa = Json.MAPPER.readValue(aaa.body(), Forecast.class);
        Forecast lastPublished = trafficForecasts.stream().filter(f -> f.symbol().equals("AAA")).reduce((a, b) -> b).orElseThrow();
        assertThat(latestAaa).isEqualTo(lastPublished);
        assertThat(latestAaa.lastClose()).as("the corrected close").isEqualTo(104.5);
        assertThat(latestAaa.model()).isEqualTo("lstm");
        assertThat(latestAaa.modelVersion()).isEqualTo(7);
        // a model installed by hand serves everywhere; its data are not known, so nothing counts as evidence
        JsonNode evidence = Json.MAPPER.readTree(aaa.body()).path("evidence");
        assertThat(evidence.path("promoted").asBoolean(true)).isFalse();
        assertThat(evidence.path("test").asText()).isEqualTo("promotion");
        assertThat(evidence.path("eValue").asDouble()).isEqualTo(1.0);
        assertThat(evidence.path("decidesAt").asDouble()).isEqualTo(20.0);
        assertThat(evidence.path("scored").asLong(-1)).isZero();
        HttpResponse<String> all = traffic.get("/evidence");
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode listing = Json.MAPPER.readTree(all.body());
        assertThat(listing.path("decision").asText()).isEqualTo("per-symbol");
        assertThat(listing.path("symbols").isArray()).isTrue();

        Forecast bbb = Json.MAPPER.readValue(traffic.get("/forecasts/BBB").body(), Forecast.class);
        assertThat(bbb.model()).isEqualTo("naive");
        assertThat(bbb.forecastClose()).isEqualTo(54.0);

        for (String symbol : List.of("CCC", "ZZZ")) { // CCC's window is not full: no forecast yet
            HttpResponse<String> r = traffic.get("/forecasts/" + symbol);
            assertThat(r.statusCode()).as(symbol).isEqualTo(404);
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.path("symbol").asText()).isEqualTo(symbol);
            assertThat(body.path("error").asText()).isEqualTo("no forecast for this symbol");
        }
    }

    // (c) the probes through start-up, running and shutdown

    @Test
    void probesFollowTheStreamThroughStartUpRunningAndShutdown() throws Exception {
        TickcastConfig config = config("probes");
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            admin.createTopics(List.of(new NewTopic(config.topics().ticks(), 1, (short) 1),
                    new NewTopic(config.topics().forecasts(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ModelSlot slot = new ModelSlot(5);
        Instance instance = Instance.create(config, slot);
        HttpEndpoint http = instance.http();
        ForecastService service = instance.service();
        try {
            // serving before the stream starts: live, not ready
            assertProbe(instance.get("/health/live"), 200, "CREATED");
            JsonNode created = assertProbe(instance.get("/health/ready"), 503, "CREATED");
            assertThat(created.path("reasons").toString()).contains("CREATED, not RUNNING");
            assertThat(instance.get("/forecasts/AAA").statusCode()).isEqualTo(503);

            instance.started();
            // running, but the dead-letter topic does not exist yet
            JsonNode noDlq = assertProbe(instance.get("/health/ready"), 503, "RUNNING");
            assertThat(noDlq.path("reasons").toString()).contains("topics do not exist: probes-dlq");
            assertProbe(instance.get("/health/live"), 200, "RUNNING");
            try (Admin admin = Admin.create(config.kafkaClientProperties())) {
                admin.createTopics(List.of(new NewTopic(config.topics().deadLetter(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Instance running = instance;
            awaitTrue(() -> status(running, "/health/ready") == 200, Duration.ofSeconds(20));
            JsonNode ready = assertProbe(instance.get("/health/ready"), 200, "RUNNING");
            assertThat(ready.path("status").asText()).isEqualTo("READY");
            assertThat(ready.path("topics").asText()).isEqualTo("ok");
            assertThat(ready.path("forecaster").asText()).isEqualTo("naive fallback: no model has passed the promotion gate yet");
            slot.install(trained.model(), 2);
            assertThat(Json.MAPPER.readTree(instance.get("/health/ready").body()).path("forecaster").asText()).isEqualTo("lstm v2");

            service.close(); // the stream stops; the HTTP server still answers
            assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            JsonNode dead = assertProbe(instance.get("/health/live"), 503, "NOT_RUNNING");
            assertThat(dead.path("status").asText()).isEqualTo("DOWN");
            assertProbe(instance.get("/health/ready"), 503, "NOT_RUNNING");
            assertThat(instance.get("/forecasts/AAA").statusCode()).isEqualTo(503);

            http.close();
            Instance stopped = instance;
            assertThatThrownBy(() -> stopped.get("/health/live")).isInstanceOf(IOException.class);
        } finally {
            instance.close();
        }
    }

    private static JsonNode assertProbe(HttpResponse<String> r, int status, String state) throws IOException {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("state").asText()).as(r.body()).isEqualTo(state);
        return body;
    }

    private static int status(Instance instance, String path) {
        try {
            return instance.get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    // a symbol another instance owns: application.server is set, so the answer names that instance

    @Test
    void aSymbolOwnedByAnotherInstanceIsRedirectedToIt() throws Exception {
        TickcastConfig config = config("pair");
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        // symbols on both partitions of the repartition topic (Kafka's default partitioner of the String key)
        Map<String, Integer> partitionOf = new TreeMap<>();
        for (int i = 0; partitionOf.size() < 6 || !partitionOf.containsValue(0) || !partitionOf.containsValue(1); i++) {
            String symbol = "S" + i;
            partitionOf.put(symbol, Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % 2);
        }
        ModelSlot slot = new ModelSlot(5);
        try (Instance a = Instance.create(config, slot); Instance b = Instance.create(config.withStateDir(config.stateDir() + "-b"), slot)) {
            a.service().start();
            b.service().start();
            awaitTrue(() -> a.service().streams().state() == KafkaStreams.State.RUNNING
                    && b.service().streams().state() == KafkaStreams.State.RUNNING
                    && ownsStorePartition(a) && ownsStorePartition(b), Duration.ofSeconds(60));

            List<Tick> ticks = new ArrayList<>();
            for (String symbol : partitionOf.keySet()) {
                for (int day = 0; day < 5; day++) {
                    ticks.add(Tick.of(symbol, D0.plusDays(day), 20 + day));
                }
            }
            List<Forecast> forecasts = new ArrayList<>();
            try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks());
                 ForecastReader reader = new ForecastReader(config.kafkaClientProperties(), config.topics().forecasts(), true)) {
                publisher.publish(ticks, 0, n -> { });
                publisher.flush();
                read(reader, forecasts, partitionOf.size());
            }

            Map<String, Set<String>> servedBy = new TreeMap<>();
            for (String symbol : partitionOf.keySet()) {
                HttpResponse<String> fromA = a.get("/forecasts/" + symbol);
                HttpResponse<String> fromB = b.get("/forecasts/" + symbol);
                HttpResponse<String> owner = fromA.statusCode() == 200 ? fromA : fromB;
                HttpResponse<String> other = owner == fromA ? fromB : fromA;
                Instance ownerInstance = owner == fromA ? a : b;
                assertThat(owner.statusCode()).as(symbol + " served by one instance").isEqualTo(200);
                assertThat(Json.MAPPER.readValue(owner.body(), Forecast.class).symbol()).isEqualTo(symbol);
                assertThat(other.statusCode()).as(symbol + " redirected by the other").isEqualTo(307);
                assertThat(other.headers().firstValue("Location"))
                        .hasValue("http://" + ownerInstance.hostPort() + "/forecasts/" + symbol);
                JsonNode body = Json.MAPPER.readTree(other.body());
                assertThat(body.path("owner").asText()).isEqualTo(ownerInstance.hostPort());
                assertThat(body.path("symbol").asText()).isEqualTo(symbol);
                servedBy.computeIfAbsent(ownerInstance.hostPort(), k -> new TreeSet<>()).add(symbol);
            }
            assertThat(servedBy).as("each instance owns some symbols").hasSize(2);
        }
    }

    private static boolean ownsStorePartition(Instance instance) {
        try {
            return instance.service().streams().metadataForLocalThreads().stream()
                    .flatMap(t -> t.activeTasks().stream())
                    .anyMatch(task -> task.taskId().subtopology() == 1)
                    && instance.service().streams().streamsMetadataForStore(ForecastTopology.LATEST_FORECASTS).size() == 2;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
