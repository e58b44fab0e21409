package io.tickcast.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.CsvTickReader;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
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

    static final class InitialModel {
        @Option(names = "--model", paramLabel = "FILE",
                description = "Publish this model (written by 'tickcast train') to the registry if it has none yet.")
        Path modelFile;

        @Option(names = "--train-csv", paramLabel = "FILE.csv",
                description = "Train a model on this CSV and publish it to the registry if it has none yet.")
        Path trainCsv;
    }

    @ArgGroup(exclusive = true)
    InitialModel initialModel = new InitialModel();

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
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = configOptions.load();
        if (createTopics) {
            LOG.info("created topics {}", TopicAdmin.ensureTopics(config, partitions, replication));
        }
        if ((initialModel.modelFile != null || initialModel.trainCsv != null) && !role.runsStream()) {
            throw new IllegalArgumentException("--model/--train-csv need a role that runs the stream (all or stream)");
        }
        // the HTTP server starts with the node, so the probes answer (live, not ready) while a model trains
        TickcastNode node = new TickcastNode(config, role, Clock.systemUTC());
        LstmModel initial = initialModel(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tickcast-shutdown"));
        node.start(Duration.ofSeconds(120));
        if (initial != null) {
            node.publishIfRegistryEmpty(initial);
            initial.close();
        }
        stopped.await();
        return 0;
    }

    private LstmModel initialModel(TickcastConfig config) {
        if (initialModel.modelFile != null) {
            LOG.info("initial model from {}", initialModel.modelFile);
            return LstmModel.load(initialModel.modelFile, config.lstm());
        }
        if (initialModel.trainCsv != null) {
            LOG.info("training the initial model on {}", initialModel.trainCsv);
            return LstmTrainer.train(config.lstm(), CsvTickReader.closeSeries(CsvTickReader.read(initialModel.trainCsv)),
                    LstmTrainer.EpochListener.NONE).model();
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
