package io.tickcast.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.client.ForecastReader;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ForecastScoreboard;
import io.tickcast.kafka.InProcessBroker;
import io.tickcast.kafka.TempDirs;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import io.tickcast.settings.ConfigKey;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.training.InitialModel;

/**
 * The whole pipeline on one machine with no setup: an in-process broker, the first model trained on the
 * first part of each series, the stream, and the rest of the data replayed as live ticks; ends with a
 * table of the forecasts' errors next to the naive forecast's.
 */
public final class DemoRun {

    /**
     * What the demo says on a class path without the in-process broker: the container image, or
     * {@code java -jar target/tickcast.jar} without {@code target/demo-lib}.
     */
    static final String BROKER_LEFT_OUT = "the demo needs the in-process Kafka broker, and this build leaves the broker "
            + "out (the container image carries only the service, and target/tickcast.jar alone does not hold it): run "
            + "the demo from a clone with ./tickcast demo, which puts target/demo-lib on the class path";

    /** The demo's default retraining period, in test trading days. */
    public static final int DEFAULT_RETRAIN_EVERY = 250;

    /** What to run; {@code retrainEvery}: test trading days between two retrainings (0: none). */
    public record Options(List<Tick> ticks, double trainFraction, boolean keepRunning, boolean printForecasts,
                          Duration timeout, TickcastConfig config, int retrainEvery) {

        public Options(List<Tick> ticks, double trainFraction, boolean keepRunning, boolean printForecasts,
                       Duration timeout, TickcastConfig config) {
            this(ticks, trainFraction, keepRunning, printForecasts, timeout, config, DEFAULT_RETRAIN_EVERY);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private DemoSummary summary;

    public DemoRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The in-process broker's starter on this class path; fails with {@link #BROKER_LEFT_OUT} if it has none. */
    public static InProcessBroker.Starter brokerStarter() {
        return brokerStarter(DemoRun.class.getClassLoader());
    }

    static InProcessBroker.Starter brokerStarter(ClassLoader loader) {
        return InProcessBroker.starter(loader).orElseThrow(() -> new IllegalStateException(BROKER_LEFT_OUT));
    }

    /** What the last run printed in its table, with the evidence, retrainings and decisions (null before a run). */
    public DemoSummary summary() {
        return summary;
    }

    /** Runs the demo; returns the scores it printed. */
    public List<ForecastScoreboard.SymbolScore> run(LstmTrainer.EpochListener trainingProgress) throws InterruptedException {
        DemoPlan plan = DemoPlan.of(options.ticks(), options.config().windowSize(), options.trainFraction());
        InProcessBroker.Starter broker = brokerStarter();
        Path stateDir = TempDirs.create("tickcast-demo-state-");
        out.println("Starting an in-process Kafka broker on 127.0.0.1 ...");
        try (InProcessBroker kafka = broker.start()) {
            TickcastConfig config = demoConfig(kafka, stateDir);
            TopicAdmin.ensureTopics(config, 2, (short) 1);
            out.printf(Locale.ROOT, "Training the first LSTM on %d series (first %.0f%% of each; its most recent %.0f%% of "
                    + "windows validate it) ...%n", plan.trainingSeries().size(), options.trainFraction() * 100,
                    config.trainer().validationFraction() * 100);
            InitialModel initial = InitialModel.train(plan.trainingSeries(), config, Clock.systemUTC(), trainingProgress);
            out.println((initial.publishable() ? "Gate: " : "Gate: not published, ") + initial.verdict());
            // stream and trainer in one process; the trainer retrains only when the replay asks it to (data time), so
            // the same data give the same run
            try (TickcastNode node = new TickcastNode(config, Role.ALL, Clock.systemUTC())) {
                out.println("Metrics: " + node.http().url("/metrics")
                        + " (also /health/live, /health/ready, /forecasts/{symbol}, /evidence)");
                if (!initial.publishable() && initial.calibration() != null) {
                    // no record brings a calibration: the naive forecast's comes from the rejected candidate's
                    // validation windows, the same data a published model's would have come from
                    node.slot().calibrateNaive(initial.calibration().naive());
                    out.println("Naive intervals calibrated on the gate's " + initial.calibration().naive().samples()
                            + " validation windows: " + initial.calibration().naive().summary());
                }
                node.start(Duration.ofSeconds(60));
                long version = initial.publishable() ? node.publishInitial(initial.record()) : 0;
                awaitModel(node, version);
                if (!node.stream().awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the stream did not reach RUNNING within 60 s");
                }
                if (version > 0) {
                    out.printf(Locale.ROOT, "Model v%d published to %s: the challenger, forecasting every tick; it serves "
                            + "a symbol once that symbol's own evidence promotes it (docs/evidence.md)%n", version,
                            config.topics().models());
                } else {
                    out.println("Serving the naive forecast (tomorrow = today): no model passed the gate");
                }
                out.printf(Locale.ROOT, "Replaying %d ticks (after %d ticks of history); expecting %d forecasts; "
                        + "retraining every %d trading days ...%n", plan.replay().size(), plan.history().size(),
                        plan.expectedForecasts(), options.retrainEvery());
                if (options.printForecasts()) {
                    out.println(ForecastLine.header());
                }
                DemoLoop loop;
                List<Forecast> received;
                try (ForecastCollector collector = new ForecastCollector(config.kafkaClientProperties(),
                        config.topics().forecasts(), plan.scoredFrom(), options.printForecasts() ? out : null);
                     TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
                    loop = new DemoLoop(node, publisher, collector, config, options.timeout(), out);
                    loop.run(plan.history(), plan.replay(), options.retrainEvery());
                    received = collector.all().stream()
                            .filter(f -> !f.asOf().isBefore(plan.scoredFrom().get(f.symbol()))).toList();
                }
                List<ForecastScoreboard.SymbolScore> scores = ForecastScoreboard.score(plan.replay(), received);
                var evidence = ForecastTopology.localEvidence(node.stream().streams()); // this process runs every task
                summary = new DemoSummary(scores, evidence, loop.retrainings(), loop.decisions());
                out.println();
                out.print(DemoTable.render(scores, evidence));
                if (version == 0 && loop.retrainings().stream().allMatch(r -> r.version() == 0)) {
                    out.println("Every forecast above is the naive forecast: no model passed the gate (" + initial.verdict() + ")");
                } else if (scores.stream().allMatch(s -> s.lstmForecasts() == 0)) {
                    out.println("Every forecast above is the naive forecast: no symbol's evidence promoted the LSTM");
                }
                if (options.keepRunning()) {
                    out.println("Still running (--keep-running): publish ticks to " + config.topics().ticks() + " on "
                            + kafka.bootstrapServers() + "; metrics at " + node.http().url("/metrics") + "; Ctrl-C stops.");
                    awaitShutdownSignal();
                }
                return scores;
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
            cleanedUp.countDown();
        }
    }

    /**
     * The demo's settings: on the in-process broker, its state in {@code stateDir}, its HTTP server on 127.0.0.1 unless
     * {@code http.host} names another address than the wildcard default, a free HTTP port if the configured one is
     * taken, and the trainer's own schedule off (the replay retrains it on data time).
     */
    private TickcastConfig demoConfig(InProcessBroker kafka, Path stateDir) {
        TickcastConfig given = options.config();
        TickcastConfig.Http http = given.http();
        if (http.host().equals(ConfigKey.HTTP_HOST.defaultValue())) { // a demo is for this machine: loopback, not all
            given = given.withHttp(new TickcastConfig.Http("127.0.0.1", http.port(), http.advertisedHost()));
        }
        TickcastConfig c = withFreeHttpPort(given.withBootstrapServers(kafka.bootstrapServers())
                .withStateDir(stateDir.toString()));
        TickcastConfig.Trainer t = c.trainer();
        return c.withTrainer(new TickcastConfig.Trainer(Duration.ZERO, 0, t.historyDays(), t.maxHistoryTicks(),
                t.validationFraction(), t.minWindows(), t.demotionWindow(), t.keepVersions(), t.cpuShare()));
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM); the shutdown hook then waits for this run to
     * close the stream and the broker and delete their directories, so nothing is left behind.
     */
    private void awaitShutdownSignal() throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                cleanedUp.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown"));
        stopRequested.await();
        out.println("Stopping ...");
    }

    /**
     * The demo should run on any machine: if its HTTP port is taken (another demo, another service), it
     * takes a free one instead of failing, and says so.
     */
    private TickcastConfig withFreeHttpPort(TickcastConfig config) {
        TickcastConfig.Http http = config.http();
        if (http.port() == 0) {
            return config;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(http.host(), http.port()));
            return config;
        } catch (IOException e) {
            out.printf(Locale.ROOT, "Port %d is taken on %s; the HTTP server takes a free port instead%n", http.port(), http.host());
            return config.withHttp(new TickcastConfig.Http(http.host(), 0, http.advertisedHost()));
        }
    }

    private static void awaitModel(TickcastNode node, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.slot().version() != version) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("model v" + version + " did not arrive from the registry within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
