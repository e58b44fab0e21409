package io.tickcast.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.tickcast.lstm.LstmTrainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long step on stderr, so stdout stays clean for results: on a terminal a bar redrawn in place,
 * otherwise (a pipe, a file, a CI log) a plain line at every tenth of the way.
 */
final class ConsoleProgress {

    private ConsoleProgress() {
    }

    /** Progress towards a known total. */
    interface Progress extends AutoCloseable {

        void stepTo(long done);

        /** A short note shown with the progress, e.g. the latest loss. */
        void note(String note);

        @Override
        void close();
    }

    /**
     * Whether this process talks to a terminal (Java 17: stdin and stdout both are one). Progress then redraws in
     * place; anything else gets plain lines.
     */
    static boolean interactive() {
        return System.console() != null;
    }

    static Progress of(String task, long total) {
        return interactive() ? new Bar(task, total) : new PlainLines(task, total, System.err);
    }

    /**
     * Epochs as progress, with the latest loss; closed after the last epoch so later output does not
     * interleave with it.
     */
    static LstmTrainer.EpochListener epochs(String task) {
        return new LstmTrainer.EpochListener() {
            private Progress progress;

            @Override
            public void onEpoch(int epoch, int epochs, double loss) {
                if (progress == null) {
                    progress = of(task, epochs);
                }
                progress.note(String.format(Locale.ROOT, "loss %.4g", loss));
                progress.stepTo(epoch);
                if (epoch == epochs) {
                    progress.close();
                    progress = null;
                }
            }
        };
    }

    /** The progressbar library's bar: one line, redrawn in place. */
    private static final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).continuousUpdate().build();
        }

        @Override
        public void stepTo(long done) {
            bar.stepTo(done);
        }

        @Override
        public void note(String note) {
            bar.setExtraMessage(note);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A line per tenth of the total (and one at the end), for output that is not a terminal. */
    static final class PlainLines implements Progress {
        private final String task;
        private final long total;
        private final PrintStream out;
        private final long started = System.nanoTime();
        private volatile String note = "";
        private long done;
        private int tenthsShown;

        PlainLines(String task, long total, PrintStream out) {
            this.task = task;
            this.total = total;
            this.out = out;
        }

        @Override
        public synchronized void stepTo(long now) {
            done = now;
            int tenths = total <= 0 ? 10 : (int) Math.min(10, done * 10 / total);
            if (tenths > tenthsShown) {
                tenthsShown = tenths;
                print();
            }
        }

        @Override
        public void note(String note) {
            this.note = note;
        }

        @Override
        public synchronized void close() {
            if (tenthsShown < 10 && done > 0) {
                print();
            }
            tenthsShown = 10;
        }

        private void print() {
            out.printf(Locale.ROOT, "%s %3d%% %d/%d (%.1f s)%s%n", task, total <= 0 ? 100 : done * 100 / total, done, total,
                    (System.nanoTime() - started) / 1e9, note.isEmpty() ? "" : " " + note);
            out.flush();
        }
    }
}
