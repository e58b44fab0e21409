package io.tickcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.lstm.WindowDataset;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.PriceSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains an LSTM on every symbol of a CSV (windows pooled into one model) and saves it.",
            "Prints the loss of each epoch with a progress bar. Hyperparameters come from the configuration",
            "(lstm.*, train.*; see --set)."})
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "Ticks to train on: symbol,date,close[,...] with a header.")
    Path csv;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL", description = "Where to write the model.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: lstm.epochs, 100).")
    Integer epochs;

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LstmConfig config = configOptions.load().lstm();
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        // dated, so the best-epoch split cuts every symbol at one date
        List<PriceSeries> series = CsvTickReader.priceSeries(CsvTickReader.read(csv));
        PrintWriter console = spec.commandLine().getOut();
        // on a terminal a bar redraws in place while training and the loss lines follow it (printed between its
        // redraws, they would be overwritten and stack the bar); elsewhere each loss line as its epoch ends
        boolean bar = ConsoleProgress.interactive();
        LstmTrainer.EpochListener progress = bar ? ConsoleProgress.epochs("training") : LstmTrainer.EpochListener.NONE;
        List<String> lossLines = new ArrayList<>();
        TrainingResult result = LstmTrainer.train(config,
                WindowDataset.ofSeries(series, config.window(), Scaling.perWindow()), (epoch, total, loss) -> {
            progress.onEpoch(epoch, total, loss);
            String line = String.format(Locale.ROOT, "epoch %3d/%d  loss %.6g", epoch, total, loss);
            if (bar) {
                lossLines.add(line);
            } else {
                console.println(line);
                console.flush();
            }
        });
        lossLines.forEach(console::println);
        try (var model = result.model()) {
            model.save(out);
            console.printf(Locale.ROOT, "trained on %d windows from %d series in %.1f s; %d parameters; wrote %s%n",
                    result.examples(), series.size(), result.elapsed().toMillis() / 1000.0, model.parameterCount(), out);
        }
        console.flush();
        return 0;
    }
}
