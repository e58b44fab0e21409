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
import io.tickcast.kafka.EmbeddedKafka;
import io.tickcast.kafka.TempDirs;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import io.tickcast.training.InitialModel;

/**
 * The whole pipeline on one machine with no setup: an in-process broker, the first model trained on the
 * first part of each series, the stream, and the rest of the data replayed as live ticks; ends with a
 * table of the forecasts' errors next to the naive forecast's.
 */
public final class DemoRun {

    /** What to run. */
    public record Options(List<Tick> ticks, double trainFraction, boolean keepRunning, boolean printForecasts,
                          Duration timeout, TickcastConfig config) {
    }

    private final Options options;
    private final PrintStream out;
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    public DemoRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; returns the scores it printed. */
    public List<ForecastScoreboard.SymbolScore> run(LstmTrainer.EpochListener trainingProgress) throws InterruptedException {
        DemoPlan plan = DemoPlan.of(options.ticks(), options.config().windowSize(), options.trainFraction());
        Path stateDir = TempDirs.create("tickcast-demo-state-");
        out.println("Starting an in-process Kafka broker on 127.0.0.1 ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TickcastConfig config = withFreeHttpPort(options.config().withBootstrapServers(kafka.bootstrapServers())
                    .withStateDir(stateDir.toString()));
            TopicAdmin.ensureTopics(config, 2, (short) 1);
            out.printf(Locale.ROOT, "Broker %s; topics %s, %s, %s%n", kafka.bootstrapServers(),
                    config.topics().ticks(), config.topics().forecasts(), config.topics().deadLetter());

            out.printf(Locale.ROOT, "Training the first LSTM on %d series (first %.0f%% of each; its most recent %.0f%% of "
                    + "windows validate it) ...%n", plan.trainingSeries().size(), options.trainFraction() * 100,
                    config.trainer().validationFraction() * 100);
            InitialModel initial = InitialModel.train(plan.trainingSeries(), config, Clock.systemUTC(), trainingProgress);
            out.println((initial.publishable() ? "Gate: " : "Gate: not published, ") + initial.verdict());
            // the stream alone: a trainer would retrain or demote while the replay runs, at moments that vary from
            // run to run; the demo's table is the same every time
            try (TickcastNode node = new TickcastNode(config, Role.STREAM, Clock.systemUTC())) {
                out.println("Metrics: " + node.http().url("/metrics") + " (also /health/live, /health/ready, /forecasts/{symbol})");
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
                ConcurrentLinkedQueue<Forecast> received = new ConcurrentLinkedQueue<>();
                AtomicLong count = new AtomicLong();
                CountDownLatch allArrived = new CountDownLatch(1);
                AtomicBoolean stop = new AtomicBoolean();
                Thread reader = new Thread(() -> readForecasts(config, received, count, plan.expectedForecasts(),
                        allArrived, stop), "demo-forecast-reader");
                reader.start();
                out.printf(Locale.ROOT, "Replaying %d ticks; expecting %d forecasts ...%n", plan.replay().size(),
                        plan.expectedForecasts());
                if (options.printForecasts()) {
                    out.println(ForecastLine.header());
                }
                try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
                    publisher.publish(plan.replay(), 0, n -> { });
                }
                boolean complete = allArrived.await(options.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                List<ForecastScoreboard.SymbolScore> scores = ForecastScoreboard.score(plan.replay(), List.copyOf(received));
                out.println();
                if (!complete) {
                    out.printf(Locale.ROOT, "Only %d of %d forecasts arrived within %s%n", count.get(),
                            plan.expectedForecasts(), options.timeout());
                }
                out.print(DemoTable.render(scores));
                if (version == 0) {
                    out.println("Every forecast above is the naive forecast: no model passed the gate (" + initial.verdict() + ")");
                } else if (scores.stream().allMatch(s -> s.lstmForecasts() == 0)) {
                    out.println("Every forecast above is the naive forecast: no symbol's evidence promoted the LSTM");
                }
                if (options.keepRunning()) {
                    out.println("Still running (--keep-running): publish ticks to " + config.topics().ticks() + " on "
                            + kafka.bootstrapServers() + "; metrics at " + node.http().url("/metrics") + "; Ctrl-C stops.");
                    awaitShutdownSignal();
                }
                stop.set(true);
                reader.join(10_000);
                if (!complete) {
                    throw new IllegalStateException("demo incomplete: " + count.get() + " of " + plan.expectedForecasts()
                            + " forecasts arrived");
                }
                return scores;
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
            cleanedUp.countDown();
        }
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

    private void readForecasts(TickcastConfig config, ConcurrentLinkedQueue<Forecast> received, AtomicLong count,
                               long expected, CountDownLatch allArrived, AtomicBoolean stop) {
        try (ForecastReader reader = new ForecastReader(config.kafkaClientProperties(), config.topics().forecasts(), true)) {
            while (!stop.get()) {
                reader.poll(Duration.ofMillis(200), f -> {
                    received.add(f);
                    if (options.printForecasts()) {
                        out.println(ForecastLine.format(f));
                    }
                    if (count.incrementAndGet() >= expected) {
                        allArrived.countDown();
                    }
                });
            }
        }
    }


}
