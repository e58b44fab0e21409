package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * A training is the same whenever the JVM collects garbage. DJL's L2Loss left the backward pass reading a scalar
 * whose memory a collection could free (see MeanSquaredLoss): under a collection every millisecond, trainings
 * froze or came out different. Here a neighbour thread forces collections throughout one training, and its model
 * must be byte-identical to a quiet one's, epoch losses included.
 */
class TrainingUnderGarbageCollectionTest {

    private static final LstmConfig CONFIG = LstmConfig.DEFAULT.withEpochs(30);

    private static TrainingResult train() {
        return LstmTrainer.train(CONFIG, List.of(SyntheticSeries.wave(3000, 100, 0, 11)), LstmTrainer.EpochListener.NONE);
    }

    @Test
    void collectionsDuringATrainingChangeNothing() throws Exception {
        TrainingResult quiet = train();
        byte[] quietBytes;
        try (LstmModel m = quiet.model()) {
            quietBytes = m.toBytes();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong collections = new AtomicLong();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                collections.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "garbage-collector-storm");
        collector.start();
        TrainingResult stormy;
        try {
            stormy = train();
        } finally {
            stop.set(true);
            collector.join(30_000);
        }
        try (LstmModel m = stormy.model()) {
            assertThat(collections.get()).as("collections forced during the training").isGreaterThan(10);
            assertThat(stormy.epochLosses()).as("epoch losses").containsExactly(quiet.epochLosses());
            assertThat(m.toBytes()).isEqualTo(quietBytes);
        }
    }
}
