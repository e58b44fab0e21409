package io.tickcast.lstm;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count, set on every thread that runs the model. The count is a per-thread
 * setting of the native libraries (OpenMP, MKL), and DJL applies {@value DjlSetup#NUM_THREADS} only on the
 * thread that loads the engine: any other thread (a stream thread, the trainer) starts with OpenMP's default
 * of one thread per core, and each tiny LSTM call then wakes a pool of spinning OpenMP threads (measured
 * here: several times slower per call, far worse on a busy machine; see docs/benchmarks.md).
 *
 * <p>{@link #applyToCurrentThread()} is called before a thread first runs the model; a per-thread flag makes
 * later calls free.
 */
final class IntraOpThreads {

    private static final ThreadLocal<Boolean> APPLIED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private IntraOpThreads() {
    }

    /** Sets this thread's intra-op thread count to {@link #configured()}, once per thread. */
    static void applyToCurrentThread() {
        if (!APPLIED.get()) {
            Engine.getEngine("PyTorch"); // the native library must be loaded before JniUtils is used
            JniUtils.setNumThreads(configured());
            APPLIED.set(Boolean.TRUE);
        }
    }

    /** {@value DjlSetup#NUM_THREADS} (1 unless the user sets it). */
    static int configured() {
        return Integer.getInteger(DjlSetup.NUM_THREADS, 1);
    }
}
