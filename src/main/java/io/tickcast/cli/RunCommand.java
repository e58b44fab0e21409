package io.tickcast.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.PriceSeries;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import io.tickcast.settings.ConfigKey;
import io.tickcast.training.InitialModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs tickcast against a Kafka cluster until SIGTERM/Ctrl-C: the forecasting stream, the trainer, or both.",
            "Settings: defaults < --config FILE < TICKCAST_* environment variables < options."},
        footer = {"", "Before it starts, run reads every file it is given (--config, --model, --validate-csv, --train-csv) and "
            + "checks the cluster: it must answer within client.timeout (default PT15S) and have the role's topics "
            + "(ticks; for all and stream also forecasts, dead letters and the model registry) unless --create-topics. "
            + "Otherwise it exits with status 1, naming the file and its problem, or the bootstrap servers, the "
            + "security protocol and the likely cause. Once running, the stream waits for the model registry only while "
            + "it is being read: after client.timeout without progress it fails with the reader's last error."})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    static final class InitialModelOptions {
        @Option(names = "--model", paramLabel = "FILE",
                description = {"Publish this model (written by 'tickcast train') to the registry if it has none yet,",
                    "if it passes the gate on --validate-csv (or with --force)."})
        Path modelFile;

        @Option(names = "--train-csv", paramLabel = "FILE.csv",
                description = {"Train a model on this CSV (its most recent trainer.validation-fraction validates it)",
                    "and publish it to the registry if it has none yet and the model passes the gate."})
        Path trainCsv;
    }

    @ArgGroup(exclusive = true)
    InitialModelOptions initialModel = new InitialModelOptions();

    @Option(names = "--validate-csv", paramLabel = "FILE.csv",
            description = {"Data the --model file did not train on: the gate judges the model on every window of it.",
                "Without it (or --force) --model is refused."})
    Path validateCsv;

    @Option(names = "--force",
            description = {"Publish the --model file without validation. Its record says 'forced'; the trainer's",
                "live check still demotes it if it loses to naive."})
    boolean force;

    @Option(names = "--create-topics",
            description = "Create missing topics (ticks, forecasts, dead letters; the compacted model registry) before starting.")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N", description = "Partitions of topics created by --create-topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of topics created by --create-topics (default: 3 with min.insync.replicas "
                    + "2 where the cluster has at least 3 brokers, else one copy per broker, with a warning).")
    Short replication;

    @Option(names = "--role", defaultValue = "all", paramLabel = "all|stream|trainer",
            converter = RoleConverter.class,
            description = {"all: the stream and the trainer in one process (default);",
                "stream: forecasting only, models come from the registry topic;",
                "trainer: retraining only (run exactly one)."})
    Role role;

    @Mixin
    KafkaOptions configOptions;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = configOptions.load();
        if ((initialModel.modelFile != null || initialModel.trainCsv != null) && !role.runsStream()) {
            throw new IllegalArgumentException("--model/--train-csv need a role that runs the stream (all or stream)");
        }
        if ((validateCsv != null || force) && initialModel.modelFile == null) {
            throw new IllegalArgumentException("--validate-csv and --force go with --model");
        }
        if (initialModel.modelFile != null && validateCsv == null && !force) {
            throw new IllegalArgumentException("--model needs --validate-csv FILE.csv (data it did not train on, for the "
                    + "gate) or --force (publish without evidence)");
        }
        // every file first, then the cluster: a bad file or setting is named at once, without a cluster
        try (InitialInputs inputs = readInputs(config)) {
            CheckedCluster.requireForService(config, createTopics ? List.of() : topicsNeeded(config));
            if (createTopics) {
                LOG.info("created topics {}", TopicAdmin.ensureTopics(config, partitions, replication(config)));
            }
            return serve(config, inputs);
        }
    }

    /** {@code --replication-factor} if given, else what the cluster's broker count allows (a warning below 3). */
    private TopicAdmin.Replication replication(TickcastConfig config) {
        if (replication != null) {
            return TopicAdmin.Replication.of(replication);
        }
        int brokers = TopicAdmin.brokerCount(config);
        TopicAdmin.Replication r = TopicAdmin.Replication.forBrokers(brokers);
        if (r.factor() < 3) {
            LOG.warn("--create-topics: the cluster at {} has {} broker(s), so missing topics get replication factor {}: "
                    + "losing a broker can lose ticks, forecasts and models; with 3 or more brokers they get 3 copies and "
                    + "min.insync.replicas 2 (or set --replication-factor)", config.bootstrapServers(), brokers, r.factor());
        }
        return r;
    }

    /** The topics this role cannot work without: they must exist before it starts (unless --create-topics). */
    private List<String> topicsNeeded(TickcastConfig config) {
        TickcastConfig.Topics t = config.topics();
        Set<String> topics = new LinkedHashSet<>();
        topics.add(t.ticks());
        if (role.runsStream()) {
            topics.addAll(List.of(t.forecasts(), t.deadLetter(), t.models()));
        }
        return List.copyOf(topics);
    }

    private int serve(TickcastConfig config, InitialInputs inputs) throws InterruptedException {
        // the HTTP server starts with the node, so the probes answer (live, not ready) while a model trains
        TickcastNode node = new TickcastNode(config, role, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tickcast-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicBoolean streamFailed = new AtomicBoolean();
        InitialModel initial;
        try {
            initial = initialModel(config, inputs);
            inputs.close();  // the record holds the model's bytes: its native memory can go now
            node.onStreamFailure(() -> {
                streamFailed.set(true);
                stopped.countDown();
            });
            node.start();    // gives up on the registry after client.timeout without progress, saying why
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            removeHook(hook);
            throw e;
        }
        if (initial != null && initial.publishable()) {
            node.publishInitial(initial.record());
        } else if (initial != null) {
            LOG.warn("the initial model is not published ({}); forecasts are naive until a model passes the gate",
                    initial.verdict());
        }
        stopped.await();
        if (streamFailed.get()) {
            LOG.error("tickcast exits with status 1: its stream has stopped for good (see the log above); a restart "
                    + "starts it afresh from the last commit");
            return 1;   // the shutdown hook closes the node
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway, and closing twice is safe
        }
    }

    /**
     * The initial model's inputs, read before anything connects: the --model file (checked against lstm.window-size) and
     * the --validate-csv or --train-csv data. Every error names the file and what is wrong with it.
     */
    private InitialInputs readInputs(TickcastConfig config) {
        if (initialModel.modelFile != null) {
            Path file = initialModel.modelFile;
            List<PriceSeries> validation = force ? null : series(validateCsv);
            LstmModel model = LstmModel.load(file, config.lstm());
            LstmConfig a = model.config();
            if (a.window() != config.windowSize()) {
                model.close();
                throw new IllegalArgumentException("model file " + file + " cannot serve this stream: it forecasts from "
                        + a.window() + " closes (window " + a.window() + ", " + a.layers() + " layers, hidden " + a.hidden()
                        + "), but " + ConfigKey.LSTM_WINDOW_SIZE.key() + " is " + config.windowSize());
            }
            return new InitialInputs(model, validation, null);
        }
        if (initialModel.trainCsv != null) {
            return new InitialInputs(null, null, series(initialModel.trainCsv));
        }
        return new InitialInputs(null, null, null);
    }

    /** A CSV file's series; an error names the file (and the line, for a bad row). */
    private static List<PriceSeries> series(Path csv) {
        List<io.tickcast.records.Tick> ticks = CsvTickReader.read(csv);   // its errors say FILE:LINE: problem
        try {
            return CsvTickReader.priceSeries(ticks);
        } catch (IllegalArgumentException e) {   // e.g. one symbol with two ticks for one day
            throw new IllegalArgumentException(csv + ": " + e.getMessage(), e);
        }
    }

    /** What the initial model is made from; closing frees the --model file's model. */
    private record InitialInputs(LstmModel model, List<PriceSeries> validation, List<PriceSeries> training)
            implements AutoCloseable {
        @Override
        public void close() {
            if (model != null) {
                model.close();
            }
        }
    }

    private InitialModel initialModel(TickcastConfig config, InitialInputs inputs) {
        Clock clock = Clock.systemUTC();
        if (inputs.model() != null) {
            LOG.info("initial model from {}", initialModel.modelFile);
            if (force) {
                return InitialModel.forced(inputs.model(), clock);
            }
            InitialModel gated = InitialModel.validate(inputs.model(), inputs.validation(), config.gate(), clock);
            LOG.info("initial model {}: {}", initialModel.modelFile, gated.verdict());
            return gated;
        }
        if (inputs.training() != null) {
            LOG.info("training the initial model on {}", initialModel.trainCsv);
            InitialModel trained = InitialModel.train(inputs.training(), config, clock, LstmTrainer.EpochListener.NONE);
            LOG.info("initial model trained on {}: {}", initialModel.trainCsv, trained.verdict());
            return trained;
        }
        return null;
    }

    /** Accepts all, stream, trainer in any case. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected all, stream or trainer, got '" + value + "'");
            }
        }
    }
}
