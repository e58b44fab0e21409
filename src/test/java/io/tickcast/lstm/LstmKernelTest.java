package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * A model forecasts the same numbers on every thread, and they are the LSTM's: the equations (PyTorch's gate
 * order i, f, g, o, both biases) worked out here in plain Java from the model's parameters. PyTorch takes
 * another, disagreeing code path when autograd is off, which it is on the thread that loaded the engine and
 * after a training; a stream thread has it on. The trainer's validation loss, which picks the epoch kept, is
 * the same LSTM's.
 */
class LstmKernelTest {

    @Test
    void everyThreadForecastsWhatTheLstmEquationsGive() throws Exception {
        double[] wave = SyntheticSeries.wave(300, 100, 0, 0);
        List<double[]> windows = new ArrayList<>();
        for (int i = 0; i + 5 <= 60; i += 7) {
            windows.add(Arrays.copyOfRange(wave, i, i + 5));
        }
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(20), List.of(wave),
                LstmTrainer.EpochListener.NONE).model()) {
            double[] byHand = windows.stream().mapToDouble(w -> byHand(model, w)).toArray();
            double[] onThisThread;
            try (LstmPredictor p = model.newPredictor()) {
                onThisThread = p.forecastAll(windows); // the engine's thread, just after a training: autograd off
            }
            AtomicReference<double[]> onAnother = new AtomicReference<>();
            Thread fresh = new Thread(() -> {
                try (LstmPredictor p = model.newPredictor()) {
                    onAnother.set(p.forecastAll(windows)); // autograd on, as on a stream thread
                }
            }, "fresh-thread");
            fresh.start();
            fresh.join(60_000);
            for (int i = 0; i < windows.size(); i++) {
                assertThat(onThisThread[i]).as("window %d on the engine's thread", i).isCloseTo(byHand[i], within(1e-4));
                assertThat(onAnother.get()[i]).as("window %d on a fresh thread", i).isCloseTo(byHand[i], within(1e-4));
            }
        }
    }

    @Test
    void theTrainerPicksItsEpochOnTheLstmsOwnValidationLoss() {
        WindowDataset data = WindowDataset.of(List.of(SyntheticSeries.wave(400, 100, 0, 3)), 5);
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(8), data, TrainingRegime.DEFAULT,
                LstmTrainer.EpochListener.NONE);
        try (LstmModel model = trained.model()) {
            WindowDataset validation = data.splitTail(TrainingRegime.DEFAULT.validationFraction())[1];
            int n = validation.size();
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            float[] inputs = validation.inputs(all, 0, n);
            float[] targets = validation.targets(all, 0, n);
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double error = byHandScaled(model, Arrays.copyOfRange(inputs, i * 5, i * 5 + 5)) - targets[i];
                squares += error * error;
            }
            assertThat(trained.validationExamples()).isEqualTo(n).isPositive();
            // the kept weights are the best epoch's, so its recorded validation loss is theirs, by the equations
            assertThat(trained.validationLosses()[trained.bestEpoch() - 1])
                    .as("validation MSE the trainer recorded for the epoch it kept")
                    .isCloseTo(squares / n, withinPercentage(0.01));
        }
    }

    /** The network's forecast for one window, from its parameters, in doubles. */
    private static double byHand(LstmModel model, double[] window) {
        return model.scaling().unscale(window, (float) byHandScaled(model, model.scaling().scaleInputs(window)));
    }

    /** The network's output for one scaled input window, from its parameters, in doubles. */
    private static double byHandScaled(LstmModel model, float[] x) {
        Map<String, float[]> p = new HashMap<>();
        for (Pair<String, Parameter> e : model.djlModel().getBlock().getParameters()) {
            p.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        int hidden = model.config().hidden();
        double[][] seq = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            seq[t] = new double[] {x[t]};
        }
        for (int layer = 0; layer < model.config().layers(); layer++) {
            String l = "01LSTM_l_" + layer + "_";
            float[] wih = p.get(l + "i2h_WEIGHT");
            float[] whh = p.get(l + "h2h_WEIGHT");
            float[] bih = p.get(l + "i2h_BIAS");
            float[] bhh = p.get(l + "h2h_BIAS");
            int in = seq[0].length;
            double[] h = new double[hidden];
            double[] c = new double[hidden];
            double[][] out = new double[seq.length][];
            for (int t = 0; t < seq.length; t++) {
                double[] g = new double[4 * hidden];
                for (int r = 0; r < 4 * hidden; r++) {
                    double v = bih[r] + bhh[r];
                    for (int j = 0; j < in; j++) {
                        v += wih[r * in + j] * seq[t][j];
                    }
                    for (int j = 0; j < hidden; j++) {
                        v += whh[r * hidden + j] * h[j];
                    }
                    g[r] = v;
                }
                double[] next = new double[hidden];
                for (int j = 0; j < hidden; j++) {
                    double in_ = sigmoid(g[j]);
                    double forget = sigmoid(g[hidden + j]);
                    double cell = Math.tanh(g[2 * hidden + j]);
                    double outGate = sigmoid(g[3 * hidden + j]);
                    c[j] = forget * c[j] + in_ * cell;
                    next[j] = outGate * Math.tanh(c[j]);
                }
                h = next;
                out[t] = h;
            }
            seq = out;
        }
        float[] w = p.get("03Linear_weight");
        double y = p.get("03Linear_bias")[0];
        for (int j = 0; j < hidden; j++) {
            y += w[j] * seq[seq.length - 1][j];
        }
        return y;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
