package io.tickcast.lstm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains an {@link LstmModel} with mini-batch Adam on MSE, conducted by a {@link TrainingRegime} (weight
 * decay, best epoch picked on a time-ordered validation tail). Trainings are serialised
 * JVM-wide: DJL allows one gradient collector at a time. The calling thread trains on
 * {@link IntraOpThreads#configured()} intra-op threads.
 */
public final class LstmTrainer {

    /** Called after every epoch with its 1-based number and mean training loss. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, int epochs, double loss);

        EpochListener NONE = (epoch, epochs, loss) -> { };
    }

    private static final ReentrantLock TRAINING_LOCK = new ReentrantLock();

    static {
        DjlSetup.apply();
    }

    private LstmTrainer() {
    }

    /** Trains on windows of {@code series}, scaled per window, with the {@link TrainingRegime#DEFAULT} regime. */
    public static TrainingResult train(LstmConfig config, Collection<double[]> series, EpochListener listener) {
        return train(config, WindowDataset.of(series, config.window()), listener);
    }

    public static TrainingResult train(LstmConfig config, WindowDataset data, EpochListener listener) {
        return train(config, data, TrainingRegime.DEFAULT, listener);
    }

    /**
     * Trains on {@code data}; the model keeps {@code data}'s scaling. With a validating regime, the windows whose
     * targets fall after one cutoff date (about {@code regime.validationFraction()} of them, every symbol cut at
     * the same date) are held out and the weights of the epoch with the lowest validation loss are kept.
     */
    public static TrainingResult train(LstmConfig config, WindowDataset data, TrainingRegime regime,
                                       EpochListener listener) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training windows: every series needs more than "
                    + config.window() + " closes");
        }
        if (data.window() != config.window()) {
            throw new IllegalArgumentException("dataset window " + data.window() + " != model window " + config.window());
        }
        WindowDataset fit = data;
        WindowDataset validation = null;
        if (regime.validates()) {
            WindowDataset[] split = data.splitTail(regime.validationFraction());
            if (split[0].size() > 0 && split[1].size() > 0) {
                fit = split[0];
                validation = split[1];
            }
        }
        TRAINING_LOCK.lock();
        try {
            return trainLocked(config, fit, validation, regime, listener);
        } finally {
            TRAINING_LOCK.unlock();
        }
    }

    private static TrainingResult trainLocked(LstmConfig config, WindowDataset data, WindowDataset validation,
                                              TrainingRegime regime, EpochListener listener) {
        long start = System.nanoTime();
        IntraOpThreads.applyToCurrentThread();
        LstmModel model = LstmModel.initialised(config, data.scaling());
        // starting weights from the seed alone, never from the engine's process-wide generator
        model.djlModel().getBlock().setInitializer(new SeededXavierInitializer(config.seed()), Parameter.Type.WEIGHT);
        int n = data.size();
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                .optWeightDecays((float) regime.weightDecay())
                .build();
        DefaultTrainingConfig tc = new DefaultTrainingConfig(new MeanSquaredLoss()).optOptimizer(adam);
        Random shuffle = new Random(config.seed());
        int[] order = identity(n);
        double[] losses = new double[config.epochs()];
        double[] validationLosses = new double[validation == null ? 0 : config.epochs()];
        int bestEpoch = config.epochs();
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        try (Trainer trainer = model.djlModel().newTrainer(tc)) {
            trainer.initialize(LstmModel.inputShape(config.batchSize(), config));
            // the validation windows go to the engine once per training (they are the same every epoch); the
            // arrays live in the trainer's manager, closed with it
            NDList validationSet = validation == null ? null : upload(trainer.getManager(), validation, config);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                shuffle(order, shuffle);
                double sum = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int to = Math.min(n, from + config.batchSize());
                    sum += step(trainer, data, order, from, to, config) * (to - from);
                }
                losses[epoch] = sum / n;
                if (validationSet != null) {
                    validationLosses[epoch] = evaluate(trainer, validationSet);
                    if (validationLosses[epoch] < bestLoss) {
                        bestLoss = validationLosses[epoch];
                        bestEpoch = epoch + 1;
                        best = snapshot(model);
                    }
                }
                listener.onEpoch(epoch + 1, config.epochs(), losses[epoch]);
            }
            if (best != null) {
                restore(model, best);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new TrainingResult(model, losses, Duration.ofNanos(System.nanoTime() - start), n, validationLosses,
                bestEpoch, validation == null ? 0 : validation.size());
    }

    private static double step(Trainer trainer, WindowDataset data, int[] order, int from, int to, LstmConfig config) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(data.inputs(order, from, to), LstmModel.inputShape(to - from, config));
            NDArray y = batch.create(data.targets(order, from, to), new Shape(to - from, 1));
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * Mean loss over the validation set (inputs, targets). Not a training step (no gradient collector, nothing is updated), but
     * run with autograd on, on the LSTM kernel the network is trained and served with ({@link LstmKernel}): with
     * autograd off PyTorch picks oneDNN's inference kernel, which on AVX-512 CPUs computes another function
     * for this network, so the epoch would be picked on numbers the model never serves.
     */
    private static double evaluate(Trainer trainer, NDList validationSet) {
        try (NDScope pass = new NDScope()) { // closes the arrays the pass creates; the validation set stays
            pass.suppressNotUsedWarning();
            return LstmKernel.forward(() -> {
                NDArray pred = trainer.forward(new NDList(validationSet.get(0))).singletonOrThrow();
                return trainer.getLoss().evaluate(new NDList(validationSet.get(1)), new NDList(pred)).getFloat();
            });
        }
    }

    /** Inputs (n, window, 1) and targets (n, 1) of all of {@code data}'s examples, in {@code manager}. */
    private static NDList upload(NDManager manager, WindowDataset data, LstmConfig config) {
        int n = data.size();
        int[] all = identity(n);
        return new NDList(manager.create(data.inputs(all, 0, n), LstmModel.inputShape(n, config)),
                manager.create(data.targets(all, 0, n), new Shape(n, 1)));
    }

    private static byte[] snapshot(LstmModel model) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            model.djlModel().getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static void restore(LstmModel model, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.djlModel().getBlock().loadParameters(model.djlModel().getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best epoch's parameters: " + e.getMessage(), e);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
