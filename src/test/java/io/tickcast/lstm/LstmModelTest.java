package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import io.tickcast.backtest.HoldoutSplit;
import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LstmModelTest {

    private static HoldoutSplit dax;
    private static TrainingResult trained;

    @BeforeAll
    static void trainOnDax() {
        double[] closes = CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS))
                .get("DAX").stream().mapToDouble(Tick::close).toArray();
        dax = HoldoutSplit.of(closes, 5, 0.7);
        trained = LstmTrainer.train(LstmConfig.DEFAULT, List.of(dax.trainSeries()), LstmTrainer.EpochListener.NONE);
    }

    @AfterAll
    static void close() {
        trained.model().close();
    }

    @Test
    void defaultArchitectureHasTheArticlesParameterCount() {
        // LSTM layer 1: 4*8*(1+8) weights + 2*4*8 biases = 352; layer 2: 4*8*(8+8) + 64 = 576; head 8+1
        assertThat(trained.model().parameterCount()).isEqualTo(352 + 576 + 9);
    }

    @Test
    void trainingRunsEveryEpochAndKeepsTheBestValidationEpoch() {
        assertThat(trained.epochLosses()).hasSize(100);
        assertThat(trained.validationLosses()).hasSize(100);
        double best = Arrays.stream(trained.validationLosses()).min().orElseThrow();
        assertThat(trained.validationLosses()[trained.bestEpoch() - 1]).isEqualTo(best);
        // the last 20% of the training windows validate, the rest are fitted
        assertThat(trained.validationExamples()).isEqualTo((int) Math.round(dax.trainCount() * 0.2));
        assertThat(trained.examples() + trained.validationExamples()).isEqualTo(dax.trainCount());
    }

    @Test
    void theModelHoldsTheWeightsOfTheKeptEpoch() throws Exception {
        // recompute the validation loss (MSE of percent moves) of the returned model on the validation windows, on
        // the kernel the training's validation pass takes (the served one, autograd on; see LstmTrainer.evaluate
        // and LstmKernel)
        int fit = trained.examples();
        List<double[]> validation = dax.allWindows().subList(fit, dax.trainCount());
        float[][] inputs = validation.stream().map(w -> trained.model().scaling().scaleInputs(w)).toArray(float[][]::new);
        float[] outputs;
        try (var plain = TestModels.withoutThreadSetting(trained.model())) {
            outputs = LstmKernel.forward(() -> {
                try {
                    return plain.predict(inputs);
                } catch (ai.djl.translate.TranslateException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        double sum = 0;
        for (int i = 0; i < outputs.length; i++) {
            double last = validation.get(i)[4];
            double target = 100 * (dax.series()[fit + i + 5] / last - 1);
            sum += (outputs[i] - target) * (outputs[i] - target);
        }
        double mse = sum / outputs.length;
        double kept = trained.validationLosses()[trained.bestEpoch() - 1];
        assertThat(mse).isCloseTo(kept, org.assertj.core.data.Offset.offset(1e-4 * kept));
    }

    @Test
    void trainingOnARealSeriesLowersTheLossTenfoldFromEpochOne() {
        // The article's own set-up (global min-max scaling, its plain regime) on the DAX training part: the
        // targets are price levels, far from what an untrained network outputs, so a training that learns must
        // bring the loss down by orders of magnitude. (With the default per-window scaling the target is the
        // next day's move, whose noise is most of the loss from the first epoch on; see the test below.)
        List<double[]> train = List.of(dax.trainSeries());
        TrainingResult article = LstmTrainer.train(LstmConfig.DEFAULT,
                WindowDataset.of(train, 5, Scaling.Method.GLOBAL_MINMAX.fit(train)), TrainingRegime.PLAIN,
                LstmTrainer.EpochListener.NONE);
        try (LstmModel model = article.model()) {
            assertThat(article.epochLosses()).hasSize(100);
            assertThat(article.lastLoss()).isPositive();
            System.out.printf("global min-max training loss: epoch 1 %.3g, epoch 100 %.3g (%.0fx)%n", article.firstLoss(),
                    article.lastLoss(), article.firstLoss() / article.lastLoss());
            assertThat(article.firstLoss() / article.lastLoss()).isGreaterThanOrEqualTo(10.0);
            assertThat(model.scaling().method()).isEqualTo(Scaling.Method.GLOBAL_MINMAX);
        }
    }

    @Test
    void trainingFitsTheTrainingWindowsBetterThanNaive() {
        // Targets are percent moves, so the loss cannot fall tenfold as it did with targets near 1; what training
        // must achieve is a better in-sample fit than the naive forecast (an output of 0).
        assertThat(trained.lastLoss()).isPositive().isLessThan(trained.firstLoss());
        List<double[]> windows = dax.allWindows().subList(0, dax.trainCount());
        double[] actual = Arrays.copyOfRange(dax.series(), 5, 5 + dax.trainCount());
        double[] naive = Arrays.copyOfRange(dax.series(), 4, 4 + dax.trainCount());
        double[] lstm;
        try (LstmPredictor p = trained.model().newPredictor()) {
            lstm = p.forecastAll(windows);
        }
        assertThat(ForecastMetrics.rmse(lstm, actual)).isLessThan(ForecastMetrics.rmse(naive, actual));
    }

    @Test
    void heldOutDaxRmseIsWithinTenPercentOfNaive() {
        double[] lstm;
        try (LstmPredictor p = trained.model().newPredictor()) {
            lstm = p.forecastAll(dax.testWindows());
        }
        double lstmRmse = ForecastMetrics.rmse(lstm, dax.testActuals());
        double naiveRmse = ForecastMetrics.rmse(dax.testNaive(), dax.testActuals());
        System.out.printf("DAX held-out RMSE: lstm %.2f naive %.2f ratio %.4f%n", lstmRmse, naiveRmse, lstmRmse / naiveRmse);
        assertThat(lstmRmse / naiveRmse).isLessThanOrEqualTo(1.10);
    }

    @Test
    void bytesRoundTripToBitIdenticalForecasts() {
        byte[] bytes = trained.model().toBytes();
        try (LstmModel copy = LstmModel.fromBytes(bytes, LstmConfig.DEFAULT);
             LstmPredictor original = trained.model().newPredictor();
             LstmPredictor loaded = copy.newPredictor()) {
            double[] a = original.forecastAll(dax.testWindows());
            double[] b = loaded.forecastAll(dax.testWindows());
            assertThat(b).containsExactly(a);
            assertThat(copy.config().hidden()).isEqualTo(8);
        }
    }

    @Test
    void bytesRecordTheScalingAndItsParameters() {
        List<double[]> train = List.of(dax.trainSeries());
        Scaling minMax = Scaling.Method.GLOBAL_MINMAX.fit(train);
        TrainingResult r = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(3), WindowDataset.of(train, 5, minMax),
                TrainingRegime.PLAIN, LstmTrainer.EpochListener.NONE);
        try (LstmModel original = r.model();
             LstmModel copy = LstmModel.fromBytes(original.toBytes(), LstmConfig.DEFAULT);
             LstmPredictor a = original.newPredictor();
             LstmPredictor b = copy.newPredictor()) {
            double[] closes = dax.trainSeries();
            assertThat(copy.scaling()).isEqualTo(new Scaling.GlobalMinMax(
                    Arrays.stream(closes).min().orElseThrow(), Arrays.stream(closes).max().orElseThrow()));
            assertThat(b.forecastAll(dax.testWindows())).containsExactly(a.forecastAll(dax.testWindows()));
        }
        assertThat(trained.model().scaling()).isEqualTo(Scaling.perWindow());
    }

    @Test
    void modelsOfAnotherFormatVersionAreRefused() {
        byte[] bytes = trained.model().toBytes();
        bytes[7] = 1; // format version 1: windows scaled as ratios, no scaling field
        assertThatThrownBy(() -> LstmModel.fromBytes(bytes, LstmConfig.DEFAULT))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("format version 1");
    }

    @Test
    void oneWindowAndABatchGiveTheSameForecast() {
        try (LstmPredictor p = trained.model().newPredictor()) {
            List<double[]> windows = dax.testWindows().subList(0, 10);
            double[] batch = p.forecastAll(windows);
            for (int i = 0; i < windows.size(); i++) {
                assertThat(p.forecast(windows.get(i))).isCloseTo(batch[i], org.assertj.core.data.Offset.offset(1e-6 * batch[i]));
            }
        }
    }

    @Test
    void damagedBytesAreRejectedWithAClearError() {
        byte[] bytes = trained.model().toBytes();
        assertThatThrownBy(() -> LstmModel.fromBytes(Arrays.copyOf(bytes, bytes.length / 2), LstmConfig.DEFAULT))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("damaged");
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] ^= 0x7f;
        assertThatThrownBy(() -> LstmModel.fromBytes(wrongMagic, LstmConfig.DEFAULT))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("magic");
    }

    @Test
    void windowOfTheWrongLengthIsRefused() {
        try (LstmPredictor p = trained.model().newPredictor()) {
            assertThatThrownBy(() -> p.forecast(new double[] {1, 2, 3}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windows of 5");
        }
    }
}
