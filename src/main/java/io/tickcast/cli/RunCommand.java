package io.tickcast.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tickcast.config.TickcastConfig;
import io.tickcast.http.HttpEndpoint;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.CsvTickReader;
import io.tickcast.service.ForecastService;
import io.tickcast.service.TopicAdmin;
import io.tickcast.topology.ModelSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the forecasting service against a Kafka cluster until SIGTERM/Ctrl-C.",
            "Settings: defaults < --config FILE < TICKCAST_* environment variables < options."})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    static final class InitialModel {
        @Option(names = "--model", paramLabel = "FILE", description = "Start with this model (written by 'tickcast train').")
        Path modelFile;

        @Option(names = "--train-csv", paramLabel = "FILE.csv", description = "Train the first model on this CSV before starting.")
        Path trainCsv;
    }

    @ArgGroup(exclusive = true)
    InitialModel initialModel = new InitialModel();

    @Option(names = "--create-topics", description = "Create missing topics (ticks, forecasts, dead letters) before starting.")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics created by --create-topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replication factor of topics created by --create-topics (default: ${DEFAULT-VALUE}).")
    short replication;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = configOptions.load();
        ModelSlot slot = new ModelSlot(config.windowSize());
        // observability: metrics and the HTTP server first, so the probes answer (live, not ready) while the model loads
        TickcastMetrics metrics = new TickcastMetrics(Clock.systemUTC());
        HttpEndpoint http = HttpEndpoint.start(config, metrics, slot);
        if (initialModel.modelFile != null) {
            slot.install(LstmModel.load(initialModel.modelFile, config.lstm()), 1);
            LOG.info("loaded the initial model from {}", initialModel.modelFile);
        } else if (initialModel.trainCsv != null) {
            List<double[]> series = CsvTickReader.closeSeries(CsvTickReader.read(initialModel.trainCsv));
            slot.install(LstmTrainer.train(config.lstm(), series, LstmTrainer.EpochListener.NONE).model(), 1);
            LOG.info("trained the initial model on {}", initialModel.trainCsv);
        } else {
            LOG.info("no initial model: forecasts are naive until one is installed");
        }
        if (createTopics) {
            LOG.info("created topics {}", TopicAdmin.ensureTopics(config, partitions, replication));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // observability: the initial model's meters; the stream runs with application.server = this HTTP server
        if (slot.current() != null) {
            metrics.modelInstalled(slot.version(), Instant.now());
        }
        ForecastService service = new ForecastService(http.advertise(config), slot, metrics.streamEvents(), Clock.systemUTC());
        http.attach(service.streams());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            http.close(); // after the stream: the probes say 503 while it shuts down
            metrics.close();
            stopped.countDown();
        }, "tickcast-shutdown"));
        service.start();
        stopped.await();
        return 0;
    }
}
