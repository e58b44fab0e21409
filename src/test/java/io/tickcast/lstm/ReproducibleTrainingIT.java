package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tickcast.cli.CliProcess;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On one machine, the same data, configuration and seed give a byte-identical model: in a fresh JVM, and in a
 * busy one where other threads load models and draw from the engine's random generator meanwhile.
 */
class ReproducibleTrainingIT {

    private static final LstmConfig QUICK = LstmConfig.DEFAULT.withEpochs(15);

    private static byte[] train(LstmConfig config) {
        try (LstmModel m = LstmTrainer.train(config, List.of(SyntheticSeries.wave(400, 100, 0, 3)),
                LstmTrainer.EpochListener.NONE).model()) {
            return m.toBytes();
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesWhileOtherThreadsLoadModelsAndDrawRandomNumbers() throws Exception {
        byte[] quiet = train(QUICK);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong draws = new AtomicLong();
        Thread busy = new Thread(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                while (!stop.get()) {
                    try (NDManager round = manager.newSubManager()) {
                        round.randomUniform(-1, 1, new Shape(64)); // the engine's process-wide generator
                    }
                    try (LstmModel loaded = LstmModel.fromBytes(quiet, QUICK); LstmPredictor p = loaded.newPredictor()) {
                        p.forecast(new double[] {1, 2, 3, 4, 5});
                    }
                    draws.incrementAndGet();
                }
            }
        }, "busy-neighbour");
        busy.start();
        byte[] busyRun;
        try {
            busyRun = train(QUICK);
        } finally {
            stop.set(true);
            busy.join(30_000);
        }
        assertThat(draws.get()).as("the neighbour drew while the training ran").isPositive();
        assertThat(busyRun).isEqualTo(quiet);
        assertThat(train(QUICK.withSeed(7))).as("another seed, another model: the comparison can fail").isNotEqualTo(quiet);
    }

    @Test
    void twoSeparateJvmsTrainTheSameBytes(@TempDir Path dir) throws Exception {
        Path csv = Path.of("src/main/resources/data/eustockmarkets.csv");
        Path first = dir.resolve("first.model");
        Path second = dir.resolve("second.model");
        trainInAFreshJvm(csv, first);
        trainInAFreshJvm(csv, second);
        assertThat(Files.readAllBytes(first)).as("first JVM:%n%s%nsecond JVM:%n%s", losses(first), losses(second))
                .hasSizeGreaterThan(3000).isEqualTo(Files.readAllBytes(second));
    }

    /** The epoch lines of a training's log, to show where two trainings parted. */
    private static String losses(Path model) throws java.io.IOException {
        return String.join("\n", Files.readAllLines(model.resolveSibling(model.getFileName() + ".log")).stream()
                .filter(l -> l.startsWith("epoch") || l.startsWith("trained")).toList());
    }

    private static void trainInAFreshJvm(Path csv, Path out) throws Exception {
        CliProcess training = CliProcess.start(out.resolveSibling(out.getFileName() + ".log"),
                "train", csv.toString(), "--out", out.toString(), "--epochs", "5");
        assertThat(training.await(5)).as(training.log()).isZero();
        assertThat(out.toFile()).isFile();
    }

}
