package io.tickcast.lstm;

import java.util.function.Supplier;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs a forward pass of the network on the one LSTM kernel it is trained with. PyTorch (2.7.1, through DJL
 * 0.36.0) computes an LSTM on a different code path when autograd is off, and for our batch-first network
 * that path gives different numbers: measured here, 2-3% apart on the forecast, where the path with autograd
 * on agrees with the LSTM equations worked out by hand ({@code LstmKernelTest}). Autograd is a per-thread
 * setting: off on the thread that loaded the engine and after a training, on for any other thread. So,
 * unpinned, the same model forecast one thing in a stream thread and another in the trainer's gate or the
 * backtest. Every inference runs with autograd on (training steps have it on anyway); the graph it records is
 * freed with the pass's NDArrays. Only the best-epoch validation inside a training keeps the other path (see
 * LstmTrainer.evaluate).
 */
final class LstmKernel {

    private LstmKernel() {
    }

    /** {@code pass} with autograd on for this thread, restored afterwards. */
    static <T> T forward(Supplier<T> pass) {
        boolean before = JniUtils.isGradMode();
        if (!before) {
            JniUtils.setGradMode(true);
        }
        try {
            return pass.get();
        } finally {
            if (!before) {
                JniUtils.setGradMode(false);
            }
        }
    }
}
