package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code train} shows at a terminal (a bar redrawn in place) and in a pipe (plain lines). */
class TerminalOutputIT {

    private static final int EPOCHS = 6;

    @TempDir
    Path dir;

    private Path csv;

    @BeforeEach
    void writeTicks() throws Exception {
        List<String> rows = new ArrayList<>(List.of("symbol,date,close"));
        for (int i = 0; i < 120; i++) {
            rows.add(String.format(Locale.ROOT, "W,%s,%.4f", LocalDate.of(2020, 1, 1).plusDays(i), 100 + 10 * Math.sin(i / 4.0)));
        }
        csv = dir.resolve("ticks.csv");
        Files.write(csv, rows);
    }

    @Test
    void atATerminalTheBarRedrawsInPlaceAndEveryLossLineSurvives() throws Exception {
        Path log = dir.resolve("terminal.log");
        try (CliProcess train = CliProcess.startInTerminal(log, "train", csv.toString(), "--out",
                dir.resolve("m.bin").toString(), "--epochs", String.valueOf(EPOCHS))) {
            assertThat(train.await(5)).as(train.log()).isZero();
        }
        String received = Files.readString(log);
        List<String> screen = TerminalScreen.render(received);
        // the bar is one line, redrawn in place to its end (not a stack of bars)
        assertThat(screen).as(received).filteredOn(l -> l.startsWith("training") && l.contains("%")).singleElement()
                .satisfies(bar -> assertThat(bar).contains("100%", EPOCHS + "/" + EPOCHS));
        assertThat(received).as("redrawn, not printed again line by line").containsPattern("[\\r\\u001b]");
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            String loss = String.format(Locale.ROOT, "epoch %3d/%d  loss ", epoch, EPOCHS);
            // each loss line whole, on a line of its own: not overwritten by a redraw of the bar
            assertThat(screen).as(String.join("\n", screen)).filteredOn(l -> l.startsWith(loss)).singleElement()
                    .satisfies(l -> assertThat(l).matches(".*loss [0-9.e+-]+"));
        }
        assertThat(screen).anySatisfy(l -> assertThat(l).startsWith("trained on "));
    }

    @Test
    void inAPipeEachEpochIsAPlainLineAndNothingIsRedrawn() {
        CliRun train = CliRun.of("train", csv.toString(), "--out", dir.resolve("m.bin").toString(), "--epochs",
                String.valueOf(EPOCHS));
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out().lines().filter(l -> l.startsWith("epoch "))).hasSize(EPOCHS);
        assertThat(train.out() + train.err()).doesNotContain("\r");
    }

    @Test
    void plainProgressPrintsATenthAtATimeAndTheEnd() {
        var sink = new java.io.ByteArrayOutputStream();
        try (var progress = new ConsoleProgress.PlainLines("publishing", 1000,
                new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8))) {
            for (int i = 1; i <= 995; i++) {
                progress.stepTo(i);
            }
        }
        List<String> lines = sink.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).startsWith("publishing  10% 100/1000");
        assertThat(lines.get(9)).startsWith("publishing  99% 995/1000");
    }
}
