package io.tickcast.lstm;

import java.util.function.Supplier;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs a forward pass of the network on the one LSTM kernel it is trained with. PyTorch (2.7.1, through DJL
 * 0.36.0) hands the LSTM to oneDNN, which picks its kernel by autograd mode and CPU: with autograd on, its
 * reference training kernel; with autograd off, its inference kernel, which on CPUs with AVX-512 (the
 * {@code brgemm:avx512_core} implementation) computes another function for this small batch-first network.
 * Measured here (EPYC with AVX-512): a scaled output of -0.022 where the LSTM equations give -0.315; with
 * {@code ONEDNN_MAX_CPU_ISA=AVX2} or {@code SSE41} both kernels agree to 1e-7 ({@code LstmKernelTest} checks the
 * equations, worked out by hand). Autograd is a per-thread setting: off on the thread that loaded the engine and
 * after a training, on for any other thread. So, unpinned, the same model forecast one thing in a stream
 * thread and another in the trainer's gate or the backtest, and the trainer's best epoch was picked on the
 * wrong kernel's numbers. Every forward pass outside a training step runs here, with autograd on (training
 * steps have it on anyway); the graph it records is freed with the pass's NDArrays.
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
