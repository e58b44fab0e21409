package io.tickcast.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.tickcast.demo.DemoRun;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the whole loop in one process with no setup: an in-process broker, the stream, the trainer and "
            + "the bundled data replayed.",
        description = {
            "Runs everything in one process with no setup: an in-process Kafka broker on 127.0.0.1, the first LSTM "
            + "trained on the first part of each series and published as the challenger if it is sane, the forecasting "
            + "stream with the trainer, and the rest of the data replayed as ticks, retrained every --retrain-every "
            + "trading days. Prints each forecast, each retraining, promotion and demotion, then a per-symbol table of "
            + "the served forecasts' and the naive forecast's RMSE, the challenger's own ratio, and the evidence at the "
            + "end."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "CSV of ticks (symbol,date,close[,...] with a header). Default: the bundled EuStockMarkets series.")
    Path csv;

    @Option(names = "--train-fraction", defaultValue = "0.7", paramLabel = "F",
            description = {"Share of each series that trains (and, its most recent trainer.validation-fraction, validates)",
                "the first model; the rest is replayed (default: ${DEFAULT-VALUE})."})
    double trainFraction;

    @Option(names = "--keep-running", description = "Keep the broker and the stream running after the table until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--quiet", description = "Do not print each forecast, only the closing table.")
    boolean quiet;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "How long to wait for each step (a chunk's forecasts, a retraining), ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--retrain-every", paramLabel = "DAYS", defaultValue = "" + DemoRun.DEFAULT_RETRAIN_EVERY,
            description = "Replayed trading days between two retrainings; 0: no retraining (default: ${DEFAULT-VALUE}).")
    int retrainEvery;

    @Option(names = "--json", description = "Print the closing summary as one JSON document on standard output; the "
            + "demo's other lines go to standard error.")
    boolean json;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = {"Where the log goes (the broker's, the stream's and the libraries' lines), so the terminal shows",
                "only the demo's own lines and errors (default: ${DEFAULT-VALUE})."},
            defaultValue = "${java.io.tmpdir}/tickcast-demo.log")
    Path logFile;

    @Mixin
    ConfigOptions configOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DemoRun.brokerStarter(); // fails at once, saying why, where the class path has no broker (the image)
        if (retrainEvery < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--retrain-every must be 0 (no retraining) or a number of trading days, was " + retrainEvery);
        }
        LogFile.redirectTo(logFile);
        PrintStream lines = json ? System.err : System.out;
        lines.println("Log: " + logFile);
        var options = new DemoRun.Options(CsvTickReader.readOrBundled(csv), trainFraction, keepRunning, !quiet && !json,
                timeout, configOptions.load(), retrainEvery);
        DemoRun run = new DemoRun(options, lines);
        boolean empty = run.run(ConsoleProgress.epochs("training")).isEmpty();
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(run.summary().toJson()));
        }
        return empty ? 1 : 0;
    }
}
