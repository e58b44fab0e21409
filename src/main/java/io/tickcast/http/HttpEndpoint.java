package io.tickcast.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.tickcast.config.TickcastConfig;
import io.tickcast.errors.Causes;
import io.tickcast.evidence.ServingDecision;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.Json;
import io.tickcast.serving.ModelSlot;
import io.tickcast.training.TrainerStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP server (Javalin on Jetty), serving on a socket bound beforehand ({@link HttpBinding}):
 * <ul>
 *   <li>{@code GET /metrics}: every meter in Prometheus text format (OpenMetrics if the Accept header asks);</li>
 *   <li>{@code GET /health/live} and {@code GET /health/ready}: the probes, rules in {@link Health};</li>
 *   <li>{@code GET /forecasts/{symbol}}: the symbol's latest forecast with its {@code evidence} (who serves it and
 *       the evidence that can change that) (200), 404 if this instance owns the symbol and has none, 307 to the
 *       instance that owns it (JSON body names it), 503 while the store cannot be queried;</li>
 *   <li>{@code GET /evidence}: the evidence of every symbol this instance owns, strongest first.</li>
 * </ul>
 * It gets what it serves in one go when it starts ({@link Sources}), already built but not yet started, so the
 * probes answer (the stream {@code CREATED}: live, not ready) while those parts start. Close it after the stream:
 * the probes answer 503 while the stream shuts down.
 *
 * <p>Over 300 lines because it holds each route's handler, with its status codes and JSON; the probes' rules are
 * {@link Health}'s, the topic check {@link TopicCheck}'s and the socket {@link HttpBinding}'s.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final String JSON = "application/json";

    private final ServingDecision decision;
    private final double decidesAt;

    /**
     * What the server serves, each part read on every request.
     *
     * @param scrape       the meters in the format an Accept header asks for ({@code /metrics})
     * @param streams      the process's Kafka Streams client, for the probes and forecast queries; null in a process
     *                     without a stream (then the probes follow the trainer)
     * @param forecaster   what the stream forecasts with ("lstm v3", "naive fallback: ..."; null: nothing can)
     * @param trainer      the status of the process's trainer's parts, for the probes; null in a process without one
     * @param lastTraining what the trainer last did (null before its first attempt), shown in the probe bodies
     * @param stoppedParts background parts that have stopped for good: a stream process is not live while any has
     * @param streamHasRun whether the stream has been RUNNING since it started (then a rebalance does not make it
     *                     unready; see {@link Health#ready}); null: never counted as having run
     */
    public record Sources(Function<String, TickcastMetrics.Scrape> scrape, KafkaStreams streams, Supplier<String> forecaster,
                          Supplier<TrainerStatus> trainer, Supplier<String> lastTraining,
                          Supplier<List<String>> stoppedParts, java.util.function.BooleanSupplier streamHasRun) {

        public Sources {
            Objects.requireNonNull(scrape, "scrape");
            if (streams == null && trainer == null) {
                throw new IllegalArgumentException("an HTTP server serves a stream, a trainer or both");
            }
            forecaster = forecaster == null ? () -> null : forecaster;
            lastTraining = lastTraining == null ? () -> null : lastTraining;
            stoppedParts = stoppedParts == null ? List::of : stoppedParts;
            streamHasRun = streamHasRun == null ? () -> false : streamHasRun;
        }

        /** A process with a stream alone that forecasts with {@code slot}. */
        public static Sources stream(Function<String, TickcastMetrics.Scrape> scrape, KafkaStreams streams, ModelSlot slot) {
            return new Sources(scrape, streams, () -> forecaster(slot), null, null, null, null);
        }

        /** What a slot forecasts with, for the readiness body: "lstm v3", or the naive fallback and why. */
        public static String forecaster(ModelSlot slot) {
            ModelSlot.Versioned current = slot.current();
            return current == null ? "naive fallback: " + slot.naiveReason() : "lstm v" + current.version();
        }
    }

    private final Javalin app;
    private final Sources sources;
    private final TopicCheck topicCheck;
    private final String bindHost;
    private final HostInfo self;
    private final int port;

    private HttpEndpoint(HttpBinding binding, TickcastConfig config, Sources sources) {
        this.decision = config.evidence().decision();
        this.decidesAt = config.evidence().settings().threshold();
        this.sources = sources;
        this.bindHost = binding.host();
        this.port = binding.port();
        TickcastConfig.Http http = config.http();
        this.self = http.advertises() ? new HostInfo(http.advertisedHost(), http.port()) : null;
        TickcastConfig.Topics t = config.topics();
        this.topicCheck = new TopicCheck(config.kafkaClientProperties(), List.of(t.ticks(), t.forecasts(), t.deadLetter()),
                Duration.ofSeconds(30), Duration.ofSeconds(2));
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("tickcast-http");
        threads.setDaemon(true);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.threadPool = threads;
            cfg.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, binding));
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get("/health/live", this::live);
            cfg.routes.get("/health/ready", this::ready);
            cfg.routes.get("/forecasts/{symbol}", this::forecast);
            cfg.routes.get("/evidence", this::evidence);
        });
    }

    /** A Jetty connector that accepts on the socket bound beforehand. */
    private static ServerConnector connector(Server server, HttpConfiguration httpConfig, HttpBinding binding) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(binding.host());
        try {
            connector.open(binding.channel());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return connector;
    }

    /**
     * Serves {@code sources} on {@code binding}'s socket.
     *
     * @param config the settings the stream runs with: the topics the readiness probe checks, and its
     *               {@code application.server} ({@link TickcastConfig.Http#advertises()}), which forecast queries
     *               compare a symbol's owner with
     * @throws IllegalStateException if the server cannot start (the socket is released)
     */
    public static HttpEndpoint start(HttpBinding binding, TickcastConfig config, Sources sources) {
        HttpEndpoint endpoint;
        try {
            endpoint = new HttpEndpoint(binding, config, sources);
        } catch (RuntimeException e) {
            binding.close();
            throw e;
        }
        try {
            endpoint.app.start();
        } catch (RuntimeException e) {
            endpoint.topicCheck.close();
            binding.close();
            throw new IllegalStateException("cannot start the HTTP server on " + binding.host() + ":" + binding.port()
                    + " (" + Causes.chain(e) + ")", e);
        }
        LOG.info("HTTP server on {}: /metrics, /health/live, /health/ready, /forecasts/{symbol}, /evidence", endpoint.url(""));
        return endpoint;
    }

    /** The port the server listens (or listened) on. */
    public int port() {
        return port;
    }

    /** A URL of this server for a person on this machine, e.g. {@code http://127.0.0.1:8080/metrics}. */
    public String url(String path) {
        String host = HttpBinding.isWildcard(bindHost) ? "127.0.0.1" : bindHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + path;
    }

    private void metrics(Context ctx) {
        TickcastMetrics.Scrape scrape = sources.scrape().apply(ctx.header("Accept"));
        ctx.contentType(scrape.contentType()).result(scrape.body());
    }

    /** True for a process that runs the trainer alone: its probes follow the trainer. */
    private boolean trainerOnly() {
        return sources.streams() == null;
    }

    private void live(Context ctx) {
        reply(ctx, trainerOnly() ? trainerProbe(false) : withTrainerNote(Health.live(state(), sources.stoppedParts().get())));
    }

    private void ready(Context ctx) {
        if (trainerOnly()) {
            reply(ctx, trainerProbe(true));
            return;
        }
        TopicCheck.Result topics = topicCheck.check();
        Health.Probe probe = Health.ready(state(), sources.streamHasRun().getAsBoolean(), topics.missing(), topics.error(),
                sources.forecaster().get());
        reply(ctx, withTrainerNote(withLastTraining(probe)));
    }

    /**
     * A stream probe with {@code "trainer"} in its body when this process's trainer was fenced. Its status does not
     * change: the stream is fine, and a restart would take forecasting down only to fence the other trainer in turn.
     */
    private Health.Probe withTrainerNote(Health.Probe probe) {
        if (sources.trainer() != null
                && sources.trainer().get().publishing() instanceof TrainerStatus.Publishing.Fenced fenced) {
            probe.body().put("trainer", fenced.describe());
        }
        return probe;
    }

    private Health.Probe trainerProbe(boolean ready) {
        return withLastTraining(Health.trainer(sources.trainer().get(), ready));
    }

    private Health.Probe withLastTraining(Health.Probe probe) {
        String training = sources.lastTraining().get();
        if (training != null) {
            probe.body().put("lastTraining", training);
        }
        return probe;
    }

    private void forecast(Context ctx) {
        String symbol = ctx.pathParam("symbol");
        ForecastLookup.Result result = ForecastLookup.find(sources.streams(), self, symbol);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        if (result instanceof ForecastLookup.Found found) {
            com.fasterxml.jackson.databind.node.ObjectNode json = Json.MAPPER.valueToTree(found.forecast());
            json.set("evidence", Json.MAPPER.valueToTree(evidenceView(found.evidence())));
            ctx.status(200).contentType(JSON).result(json.toString());
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

    /**
     * {@code GET /evidence}: the evidence of every symbol this instance owns, strongest first (each instance lists its
     * own symbols; 503 while the store cannot be queried).
     */
    private void evidence(Context ctx) {
        Map<String, SymbolEvidence> local = ForecastLookup.localEvidence(sources.streams());
        if (local == null) {
            ctx.status(503).json(Map.of("error", "the evidence store cannot be queried now (the stream is not running)"));
            return;
        }
        List<Map<String, Object>> symbols = new java.util.ArrayList<>();
        local.forEach((symbol, e) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", symbol);
            row.putAll(evidenceView(e));
            symbols.add(row);
        });
        symbols.sort(java.util.Comparator.comparingDouble((Map<String, Object> m) -> (double) m.get("eValue")).reversed());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.label());
        body.put("decidesAt", decidesAt);
        body.put("symbols", symbols);
        ctx.status(200).json(body);
    }

    /**
     * A symbol's evidence as the HTTP views show it (a symbol not scored yet: not promoted, no evidence). Whether the
     * LSTM serves the symbol is the forecast's {@code model}: a model that serves everywhere (forced) serves it
     * whatever its evidence says.
     */
    private Map<String, Object> evidenceView(SymbolEvidence e) {
        Map<String, Object> view = new LinkedHashMap<>();
        SymbolEvidence shown = e == null ? SymbolEvidence.fresh() : e;
        view.put("promoted", shown.serving() == SymbolEvidence.Serving.LSTM);
        view.put("eValue", shown.evidence());
        view.put("test", shown.serving() == SymbolEvidence.Serving.LSTM ? "demotion" : "promotion");
        view.put("decidesAt", decidesAt);
        view.put("scored", shown.scored());
        view.put("lastCounted", shown.lastCounted() == null ? null : shown.lastCounted().toString());
        view.put("promotions", shown.promotions());
        view.put("demotions", shown.demotions());
        return view;
    }

    private static void reply(Context ctx, Health.Probe probe) {
        ctx.status(probe.status()).contentType(JSON).json(probe.body());
    }

    private KafkaStreams.State state() {
        KafkaStreams client = sources.streams();
        return client == null ? null : client.state();
    }

    /** Stops the server (after the stream: see the class comment), which releases its socket, and the topic checker. */
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
