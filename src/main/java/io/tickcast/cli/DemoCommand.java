package io.tickcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.tickcast.demo.DemoRun;
import io.tickcast.kafka.EmbeddedKafka;
import io.tickcast.records.CsvTickReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs everything in one process with no setup: an in-process Kafka broker on 127.0.0.1, the first LSTM",
            "trained on the first part of each series and published only if it passes the promotion gate (else every",
            "forecast is naive, and the demo says why), the forecasting stream, and the rest of the data replayed as",
            "ticks. Prints each forecast, then a per-symbol table of the forecasts' and the naive forecast's RMSE/MAE."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "CSV of ticks (symbol,date,close[,...] with a header). Default: the bundled EuStockMarkets series.")
    Path csv;

    @Option(names = "--train-fraction", defaultValue = "0.7",
            description = {"Share of each series that trains (and, its most recent trainer.validation-fraction, validates)",
                "the first model; the rest is replayed (default: ${DEFAULT-VALUE})."})
    double trainFraction;

    @Option(names = "--keep-running", description = "Keep the broker and the stream running after the table until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--quiet", description = "Do not print each forecast, only the closing table.")
    boolean quiet;

    @Option(names = "--timeout", defaultValue = "PT5M",
            description = "How long to wait for all forecasts, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = {"Where the log goes (the broker's, the stream's and the libraries' lines), so the terminal shows",
                "only the demo's own lines and errors (default: ${DEFAULT-VALUE})."},
            defaultValue = "${java.io.tmpdir}/tickcast-demo.log")
    Path logFile;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        if (!EmbeddedKafka.available()) {
            throw new IllegalStateException("the demo runs an in-process Kafka broker, and this installation leaves the "
                    + "broker out (the container image carries only the service); run the demo from a clone: ./tickcast demo");
        }
        LogFile.redirectTo(logFile);
        System.out.println("Log: " + logFile);
        var options = new DemoRun.Options(CsvTickReader.readOrBundled(csv), trainFraction, keepRunning, !quiet, timeout,
                configOptions.load());
        return new DemoRun(options, System.out).run(ConsoleProgress.epochs("training")).isEmpty() ? 1 : 0;
    }
}
