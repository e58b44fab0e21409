package io.tickcast.lstm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tickcast.errors.Causes;

/**
 * A trained (or freshly initialised) LSTM forecaster with its configuration and input {@link Scaling}.
 * Serialises to a small self-describing byte format: a header naming the format version, the architecture
 * and the scaling with its parameters, then DJL's parameters. Loading never needs anything but the bytes.
 *
 * <p>Format 2: magic, version, window, layers, hidden (ints), scaling method tag (byte; 1 per-window percent
 * moves, 2 global min-max followed by min and max as doubles), DJL parameters. Format 1 had no scaling field
 * and scaled windows as ratios to their last close; its models are refused (retrain them).
 */
public final class LstmModel implements AutoCloseable {

    /** Bumped whenever the byte layout or the meaning of the inputs changes. */
    public static final int FORMAT_VERSION = 2;
    private static final int MAGIC = 0x54434c31; // "TCL1"

    static {
        DjlSetup.apply();
    }

    /** Models created and not yet closed in this process (each holds native memory). */
    private static final java.util.concurrent.atomic.AtomicLong OPEN = new java.util.concurrent.atomic.AtomicLong();

    private final Model model;
    private final LstmConfig config;
    private final Scaling scaling;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LstmModel(Model model, LstmConfig config, Scaling scaling) {
        this.model = model;
        this.config = config;
        this.scaling = scaling;
        OPEN.incrementAndGet();
    }

    /** How many models are open in this process: what a leak of replaced models would make grow. */
    public static long openModels() {
        return OPEN.get();
    }

    /** A new model (weights are initialised by the trainer or by loading). */
    static LstmModel initialised(LstmConfig config, Scaling scaling) {
        Model model = Model.newInstance("tickcast-lstm");
        IntraOpThreads.applyToCurrentThread(); // initialising and loading weights run native ops too
        model.setBlock(LstmNetwork.build(config));
        return new LstmModel(model, config, scaling);
    }

    Model djlModel() {
        return model;
    }

    static Shape inputShape(int batch, LstmConfig config) {
        return new Shape(batch, config.window(), 1);
    }

    public LstmConfig config() {
        return config;
    }

    /** How this model scales its inputs and outputs (fixed at training). */
    public Scaling scaling() {
        return scaling;
    }

    public int window() {
        return config.window();
    }

    /** Number of trainable scalars (937 for the defaults: window 5, 2 layers, hidden 8). */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** A new predictor; not thread-safe, so use one per thread and close it. */
    public LstmPredictor newPredictor() {
        return new LstmPredictor(model.newPredictor(new WindowTranslator()), config.window(), scaling);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(config.window());
            out.writeInt(config.layers());
            out.writeInt(config.hidden());
            writeScaling(scaling, out);
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /**
     * Loads a model saved by {@link #toBytes()}. Training hyperparameters are not part of the bytes; the
     * returned config carries the architecture and {@code trainingDefaults}' other values.
     *
     * @throws InvalidModelException if the bytes are not a tickcast model or are damaged
     */
    public static LstmModel fromBytes(byte[] bytes, LstmConfig trainingDefaults) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new InvalidModelException("not a tickcast LSTM model (bad magic number)");
            }
            int format = in.readInt();
            if (format != FORMAT_VERSION) {
                throw new InvalidModelException("unsupported model format version " + format + " (this build reads "
                        + FORMAT_VERSION + ")");
            }
            LstmConfig config = new LstmConfig(in.readInt(), in.readInt(), in.readInt(),
                    trainingDefaults.learningRate(), trainingDefaults.epochs(), trainingDefaults.batchSize(),
                    trainingDefaults.seed());
            Scaling scaling = readScaling(in);
            LstmModel loaded = initialised(config, scaling);
            // no initialize(): it would draw random weights from the engine's global generator, which a
            // training on another thread may have just seeded; loading sets every parameter from the bytes
            loaded.model.getBlock().loadParameters(loaded.model.getNDManager(), in);
            if (in.read() != -1) {
                loaded.close();
                throw new InvalidModelException("trailing bytes after the model parameters");
            }
            return loaded;
        } catch (EOFException e) {   // the message says it all: no cause, whose null message would add nothing
            throw truncated(bytes);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof InvalidModelException ime) {
                throw ime;
            }
            if (Causes.find(e, EOFException.class) != null) {
                throw truncated(bytes);
            }
            throw new InvalidModelException("damaged model bytes: " + Causes.chain(e), e);
        }
    }

    private static InvalidModelException truncated(byte[] bytes) {
        return new InvalidModelException("damaged model bytes: truncated (its " + bytes.length
                + " bytes end before the model does)");
    }

    private static void writeScaling(Scaling scaling, DataOutputStream out) throws IOException {
        out.writeByte(scaling.method().tag());
        if (scaling instanceof Scaling.GlobalMinMax g) {
            out.writeDouble(g.min());
            out.writeDouble(g.max());
        }
    }

    private static Scaling readScaling(DataInputStream in) throws IOException {
        Scaling.Method method = Scaling.Method.fromTag(in.readUnsignedByte());
        if (method == Scaling.Method.GLOBAL_MINMAX) {
            return new Scaling.GlobalMinMax(in.readDouble(), in.readDouble());
        }
        return Scaling.perWindow();
    }

    /**
     * Loads a model file (written by {@link #save}).
     *
     * @throws UncheckedIOException  if the file cannot be read (the message names it and why)
     * @throws InvalidModelException if it is not a usable tickcast model (the message names it and why)
     */
    public static LstmModel load(Path file, LstmConfig trainingDefaults) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + Causes.ofFile(e), e);
        }
        try {
            return fromBytes(bytes, trainingDefaults);
        } catch (InvalidModelException e) {
            throw new InvalidModelException("model file " + file + " is not a usable model: " + e.getMessage(), e);
        }
    }

    public void save(Path file) {
        try {
            Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + Causes.ofFile(e), e);
        }
    }

    /** Frees the model's native memory; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OPEN.decrementAndGet();
            model.close();
        }
    }
}
