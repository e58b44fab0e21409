package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import ai.djl.pytorch.jni.JniUtils;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model runs on one intra-op thread on threads other than the one that loaded the engine (stream threads,
 * the trainer): DJL's {@code ai.djl.pytorch.num_threads} alone does not reach them, and without
 * {@link IntraOpThreads} each such thread starts an OpenMP pool of one thread per core.
 *
 * <p>The proof is the native threads named like the fresh Java thread after it ran the model: the thread itself
 * and nothing it started (an OpenMP pool's threads would carry its name). {@code JniUtils.getNumThreads()} is
 * checked too, but cannot tell on its own: PyTorch copies its process-wide count into a thread when asked.
 * Nothing here times anything. On a 1-core machine OpenMP starts no pool, so these tests pass there with or
 * without the setting.
 */
class IntraOpThreadsTest {

    private static final double[] WINDOW = {100, 101, 99.5, 102, 101.5};
    private static final int FRESH_THREADS = 4;
    private static final int CALLS = 50;

    private static LstmModel model;

    @BeforeAll
    static void loadAModel() {
        assumeTrue(NativeThreads.visible(), "native threads are counted in /proc/self/task (Linux)");
        model = TestModels.forecastingAMoveOf(0, LstmConfig.DEFAULT);
    }

    @AfterAll
    static void closeTheModel() {
        if (model != null) {
            model.close();
        }
    }

    /** What a fresh thread saw after it ran the model. */
    private record Seen(int nativeThreads, int intraOpThreads) {

        static Seen onThisThread() {
            return new Seen(NativeThreads.namedAs(Thread.currentThread().getName()), JniUtils.getNumThreads());
        }
    }

    @Test
    void inferenceOnFreshThreadsStartsNoThreadPool() throws Exception {
        for (int i = 0; i < FRESH_THREADS; i++) {
            String name = "tc-infer-" + i;
            Seen seen = NativeThreads.onNewThread(name, () -> {
                try (LstmPredictor predictor = model.newPredictor()) {
                    for (int call = 0; call < CALLS; call++) {
                        predictor.forecast(WINDOW);
                    }
                }
                return Seen.onThisThread();
            });
            System.out.printf("%s after %d forecasts: %d native thread(s) of that name, JniUtils.getNumThreads() %d%n",
                    name, CALLS, seen.nativeThreads(), seen.intraOpThreads());
            assertThat(seen.nativeThreads()).as(name + ": native threads named like it (itself plus any OpenMP pool)")
                    .isEqualTo(1);
            assertThat(seen.intraOpThreads()).as(name + ": JniUtils.getNumThreads()").isEqualTo(1);
        }
    }

    @Test
    void trainingOnAFreshThreadStartsNoThreadPool() throws Exception {
        List<double[]> series = List.of(SyntheticSeries.wave(200, 100, 0, 7));
        Seen seen = NativeThreads.onNewThread("tc-train", () -> {
            LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(2), series, LstmTrainer.EpochListener.NONE).model().close();
            return Seen.onThisThread();
        });
        System.out.printf("tc-train after training: %d native thread(s) of that name, JniUtils.getNumThreads() %d%n",
                seen.nativeThreads(), seen.intraOpThreads());
        assertThat(seen.nativeThreads()).as("native threads named like the training thread").isEqualTo(1);
        assertThat(seen.intraOpThreads()).isEqualTo(1);
    }

    @Test
    void theCountComesFromTheNumThreadsProperty() throws Exception {
        String before = System.getProperty(DjlSetup.NUM_THREADS);
        System.setProperty(DjlSetup.NUM_THREADS, "2");
        try {
            int count = NativeThreads.onNewThread("tc-two", () -> {
                try (LstmPredictor predictor = model.newPredictor()) {
                    predictor.forecast(WINDOW);
                }
                return JniUtils.getNumThreads();
            });
            assertThat(count).as("intra-op threads of a thread that ran the model with " + DjlSetup.NUM_THREADS + "=2")
                    .isEqualTo(2);
        } finally {
            if (before == null) {
                System.clearProperty(DjlSetup.NUM_THREADS);
            } else {
                System.setProperty(DjlSetup.NUM_THREADS, before);
            }
            // PyTorch also keeps the last count set process-wide: set it back, from another fresh thread
            NativeThreads.onNewThread("tc-reset", () -> {
                IntraOpThreads.applyToCurrentThread();
                return null;
            });
        }
    }
}
