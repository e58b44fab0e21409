package io.tickcast.lstm;

/**
 * DJL settings that must be in place before the PyTorch engine loads: offline mode (the native
 * libraries come from the classpath, never the network) and one intra-op and inter-op thread (more
 * threads made training up to 100x slower on a busy 2-core machine). Values already set by the user
 * (-D flags) win. DJL applies the intra-op count only on the thread that loads the engine;
 * {@link IntraOpThreads} applies it on every other thread that runs the model.
 */
public final class DjlSetup {

    /** PyTorch's intra-op thread count (OpenMP, MKL), per thread that runs the model. */
    public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";

    private DjlSetup() {
    }

    public static void apply() {
        setDefault("ai.djl.offline", "true");
        setDefault(NUM_THREADS, "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        // DJL logs a warning per missing optional engine; keep the console quiet.
        setDefault("ai.djl.default_engine", "PyTorch");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
