package io.tickcast.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.CsvTickReader;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import io.tickcast.training.InitialModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs tickcast against a Kafka cluster until SIGTERM/Ctrl-C: the forecasting stream, the trainer, or both.",
            "Settings: defaults < --config FILE < TICKCAST_* environment variables < options."})
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

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics created by --create-topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replication factor of topics created by --create-topics (default: ${DEFAULT-VALUE}).")
    short replication;

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
        if (createTopics) {
            LOG.info("created topics {}", TopicAdmin.ensureTopics(config, partitions, replication));
        }
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
        // the HTTP server starts with the node, so the probes answer (live, not ready) while a model trains
        TickcastNode node = new TickcastNode(config, role, Clock.systemUTC());
        InitialModel initial = initialModel(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tickcast-shutdown"));
        AtomicBoolean streamFailed = new AtomicBoolean();
        node.onStreamFailure(() -> {
            streamFailed.set(true);
            stopped.countDown();
        });
        node.start(Duration.ofSeconds(120));
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

    private InitialModel initialModel(TickcastConfig config) {
        Clock clock = Clock.systemUTC();
        if (initialModel.modelFile != null) {
            LOG.info("initial model from {}", initialModel.modelFile);
            try (LstmModel model = LstmModel.load(initialModel.modelFile, config.lstm())) {
                if (force) {
                    return InitialModel.forced(model, clock);
                }
                InitialModel gated = InitialModel.validate(model,
                        CsvTickReader.priceSeries(CsvTickReader.read(validateCsv)), config.gate(), clock);
                LOG.info("initial model {}: {}", initialModel.modelFile, gated.verdict());
                return gated;
            }
        }
        if (initialModel.trainCsv != null) {
            LOG.info("training the initial model on {}", initialModel.trainCsv);
            InitialModel trained = InitialModel.train(CsvTickReader.priceSeries(CsvTickReader.read(initialModel.trainCsv)),
                    config, clock, LstmTrainer.EpochListener.NONE);
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
