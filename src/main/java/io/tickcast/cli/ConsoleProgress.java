package io.tickcast.cli;

import java.util.Locale;

import io.tickcast.lstm.LstmTrainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on the console (stderr), so stdout stays clean for results. */
final class ConsoleProgress {

    private ConsoleProgress() {
    }

    static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    /**
     * An epoch listener that shows a bar with the latest loss from the first epoch and closes it after the
     * last, so later console output is not interleaved with it.
     */
    static LstmTrainer.EpochListener epochs(String task) {
        return new LstmTrainer.EpochListener() {
            private ProgressBar bar;

            @Override
            public void onEpoch(int epoch, int epochs, double loss) {
                if (bar == null) {
                    bar = bar(task, epochs);
                }
                bar.stepTo(epoch);
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4g", loss));
                if (epoch == epochs) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }
}
