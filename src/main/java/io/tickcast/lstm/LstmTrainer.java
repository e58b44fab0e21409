package io.tickcast.lstm;

import java.time.Duration;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tickcast.config.LstmConfig;

/**
 * Trains an {@link LstmModel} with mini-batch Adam on MSE. Trainings are serialised JVM-wide: DJL allows
 * one gradient collector at a time.
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

    public static TrainingResult train(LstmConfig config, Collection<double[]> series, EpochListener listener) {
        return train(config, WindowDataset.of(series, config.window()), listener);
    }

    public static TrainingResult train(LstmConfig config, WindowDataset data, EpochListener listener) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training windows: every series needs more than "
                    + config.window() + " closes");
        }
        if (data.window() != config.window()) {
            throw new IllegalArgumentException("dataset window " + data.window() + " != model window " + config.window());
        }
        TRAINING_LOCK.lock();
        try {
            return trainLocked(config, data, listener);
        } finally {
            TRAINING_LOCK.unlock();
        }
    }

    private static TrainingResult trainLocked(LstmConfig config, WindowDataset data, EpochListener listener) {
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) config.seed());
        LstmModel model = LstmModel.initialised(config);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(new L2Loss("mse", 1f))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build());
        Random shuffle = new Random(config.seed());
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] losses = new double[config.epochs()];
        try (Trainer trainer = model.djlModel().newTrainer(tc)) {
            trainer.initialize(LstmModel.inputShape(config.batchSize(), config));
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                shuffle(order, shuffle);
                double sum = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int to = Math.min(n, from + config.batchSize());
                    sum += step(trainer, data, order, from, to, config) * (to - from);
                }
                losses[epoch] = sum / n;
                listener.onEpoch(epoch + 1, config.epochs(), losses[epoch]);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new TrainingResult(model, losses, Duration.ofNanos(System.nanoTime() - start), n);
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

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
