package io.tickcast.http;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.tickcast.config.TickcastConfig;
import io.tickcast.errors.Causes;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.Json;
import io.tickcast.topology.ModelSlot;
import io.tickcast.training.TrainerService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP server (Javalin on Jetty), bound to {@code http.host}:{@code http.port}:
 * <ul>
 *   <li>{@code GET /metrics}: every meter in Prometheus text format (OpenMetrics if the Accept header asks);</li>
 *   <li>{@code GET /health/live} and {@code GET /health/ready}: the probes, rules in {@link Health};</li>
 *   <li>{@code GET /forecasts/{symbol}}: the symbol's latest forecast (200), 404 if this instance owns the
 *       symbol and has none, 307 to the instance that owns it (JSON body names it), 503 while the store
 *       cannot be queried.</li>
 * </ul>
 * Start it before the stream so the probes answer through start-up ({@link #start}), give the stream the
 * config from {@link #advertise} (so Kafka Streams knows where this instance's queries are answered), then
 * {@link #attach} the client. Close it after the stream: the probes answer 503 while the stream shuts down.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final String JSON = "application/json";

    private final Javalin app;
    private final TickcastMetrics metrics;
    private final ModelSlot slot;
    private final TopicCheck topicCheck;
    private final String bindHost;
    private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
    private volatile TrainerService trainer;
    private volatile Supplier<List<String>> stoppedParts = List::of;
    private volatile Supplier<String> lastTraining = () -> null;
    private volatile Supplier<String> trainerFenced = () -> null;
    private volatile HostInfo self;
    private int port;

    private HttpEndpoint(TickcastConfig config, TickcastMetrics metrics, ModelSlot slot) {
        this.metrics = metrics;
        this.slot = slot;
        this.bindHost = config.http().host();
        TickcastConfig.Topics t = config.topics();
        this.topicCheck = new TopicCheck(config.kafkaClientProperties(), List.of(t.ticks(), t.forecasts(), t.deadLetter()),
                Duration.ofSeconds(30), Duration.ofSeconds(2));
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("tickcast-http");
        threads.setDaemon(true);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.http().host();
            cfg.jetty.port = config.http().port();
            cfg.jetty.threadPool = threads;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get("/health/live", this::live);
            cfg.routes.get("/health/ready", this::ready);
            cfg.routes.get("/forecasts/{symbol}", this::forecast);
        });
    }

    /**
     * Binds and starts the server (port 0 picks a free port: see {@link #port()}).
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public static HttpEndpoint start(TickcastConfig config, TickcastMetrics metrics, ModelSlot slot) {
        HttpEndpoint endpoint = new HttpEndpoint(config, metrics, slot);
        try {
            endpoint.app.start();
            endpoint.port = endpoint.app.port();
        } catch (RuntimeException e) {
            endpoint.topicCheck.close();
            throw new IllegalStateException("cannot start the HTTP server on " + config.http().host() + ":"
                    + config.http().port() + " (" + Causes.chain(e) + "); choose another with --set http.port=N (0: any free port)", e);
        }
        LOG.info("HTTP server on {}: /metrics, /health/live, /health/ready, /forecasts/{symbol}", endpoint.url(""));
        return endpoint;
    }

    /** The port the server listens (or listened) on. */
    public int port() {
        return port;
    }

    /** A URL of this server for a person on this machine, e.g. {@code http://127.0.0.1:8080/metrics}. */
    public String url(String path) {
        String host = isWildcard(bindHost) ? "127.0.0.1" : bindHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + path;
    }

    /**
     * The config the stream should run with: {@code http.port} is the bound port and {@code http.advertised-host}
     * is set (when empty: {@code http.host}, or this machine's host name if that is a wildcard), so the
     * stream's {@code application.server} names this server.
     */
    public TickcastConfig advertise(TickcastConfig config) {
        String host = config.http().advertisedHost();
        if (host.isBlank()) {
            host = isWildcard(bindHost) ? localHostName() : bindHost;
        }
        self = new HostInfo(host, port());
        return config.withHttp(new TickcastConfig.Http(bindHost, port(), host));
    }

    /** The probes and forecast queries follow this client from now on, and its metrics are exported. */
    public void attach(KafkaStreams client) {
        if (!streams.compareAndSet(null, client)) {
            throw new IllegalStateException("a Kafka Streams client is already attached");
        }
        metrics.bindKafkaStreams(client);
    }

    /** Names of the process's background parts that have stopped for good; liveness fails while any has. */
    public void watchBackgroundParts(Supplier<List<String>> stopped) {
        this.stoppedParts = stopped;
    }

    /** For a process that runs only the trainer: the probes follow the trainer instead of a stream. */
    public void attachTrainer(TrainerService trainerService) {
        this.trainer = trainerService;
    }

    private void metrics(Context ctx) {
        TickcastMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
        ctx.contentType(scrape.contentType()).result(scrape.body());
    }

    private void live(Context ctx) {
        TrainerService t = trainer;
        reply(ctx, t != null ? trainerProbe(t, false) : withTrainerNote(Health.live(state(), stoppedParts.get())));
    }

    private void ready(Context ctx) {
        TrainerService t = trainer;
        if (t != null) {
            reply(ctx, trainerProbe(t, true));
            return;
        }
        TopicCheck.Result topics = topicCheck.check();
        Health.Probe probe = Health.ready(state(), topics.missing(), topics.error(), forecaster());
        String training = lastTraining.get();
        if (training != null) {
            probe.body().put("lastTraining", training);
        }
        reply(ctx, withTrainerNote(probe));
    }

    /** A stream probe with {@code "trainer"} in its body when this process's trainer was fenced (its status stays). */
    private Health.Probe withTrainerNote(Health.Probe probe) {
        String fenced = trainerFenced.get();
        if (fenced != null) {
            probe.body().put("trainer", fenced);
        }
        return probe;
    }

    private static Health.Probe trainerProbe(TrainerService t, boolean ready) {
        Health.Probe probe = Health.trainer(new Health.TrainerState(t.feedAlive(), t.caughtUp(), t.registryProblem(),
                t.registryDown(), t.fenced()), ready);
        if (t.lastAttempt() != null) {
            probe.body().put("lastTraining", t.lastAttempt().outcome().label() + ": " + t.lastAttempt().detail());
        }
        return probe;
    }

    /** What the trainer of this process last did, shown in the readiness body next to the forecaster. */
    public void showTraining(Supplier<String> lastTrainingDescription) {
        this.lastTraining = lastTrainingDescription;
    }

    /**
     * For a process that runs the stream and the trainer: why its trainer was fenced (null while it was not), shown
     * as {@code "trainer"} in both probes' bodies. The probes' status does not change: the stream is fine, and a
     * restart would take forecasting down only to fence the other trainer in turn.
     */
    public void showTrainerFenced(Supplier<String> fenced) {
        this.trainerFenced = fenced;
    }

    private void forecast(Context ctx) {
        String symbol = ctx.pathParam("symbol");
        ForecastLookup.Result result = ForecastLookup.find(streams.get(), self, symbol);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        if (result instanceof ForecastLookup.Found found) {
            ctx.status(200).json(found.forecast());
        } else if (result instanceof ForecastLookup.Elsewhere elsewhere) {
            String owner = elsewhere.owner().host() + ":" + elsewhere.owner().port();
            String location = "http://" + owner + "/forecasts/"
                    + URLEncoder.encode(symbol, StandardCharsets.UTF_8).replace("+", "%20");
            body.put("owner", owner);
            body.put("location", location);
            ctx.status(307).header("Location", location).json(body);
        } else if (result instanceof ForecastLookup.Unavailable unavailable) {
            body.put("error", unavailable.reason());
            ctx.status(503).json(body);
        } else {
            body.put("error", "no forecast for this symbol");
            ctx.status(404).json(body);
        }
    }

    private static void reply(Context ctx, Health.Probe probe) {
        ctx.status(probe.status()).contentType(JSON).json(probe.body());
    }

    private KafkaStreams.State state() {
        KafkaStreams client = streams.get();
        return client == null ? null : client.state();
    }

    private String forecaster() {
        if (slot == null) {
            return null;
        }
        ModelSlot.Versioned current = slot.current();
        return current == null ? "naive fallback: " + slot.naiveReason() : "lstm v" + current.version();
    }

    private static boolean isWildcard(String host) {
        return host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Stops the server (after the stream: see the class comment) and the topic checker. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            topicCheck.close();
        }
        LOG.info("HTTP server stopped");
    }
}
