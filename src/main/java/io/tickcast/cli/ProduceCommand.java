package io.tickcast.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Publishes the ticks of a CSV file to the ticks topic as JSON keyed by symbol, in date order.")
final class ProduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "Ticks: symbol,date,close[,open,high,low,volume] with a header.")
    Path csv;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "TICKS_PER_SECOND",
            description = "Pace publishing to this many ticks per second (default: 0, as fast as possible).")
    double rate;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TickcastConfig config = configOptions.load();
        List<Tick> ticks = CsvTickReader.inDateOrder(CsvTickReader.read(csv));
        try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            if (noProgress) {
                publisher.publish(ticks, rate, n -> { });
            } else {
                try (ProgressBar bar = ConsoleProgress.bar("publishing", ticks.size())) {
                    publisher.publish(ticks, rate, bar::stepTo);
                }
            }
        }
        spec.commandLine().getOut().println("published " + ticks.size() + " ticks to " + config.topics().ticks());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
