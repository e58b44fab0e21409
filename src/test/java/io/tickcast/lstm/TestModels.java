package io.tickcast.lstm;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Models with known, deliberately broken behaviour, for tests of code that uses models. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * An untrained per-window model whose output head is biased to a move of {@code percent}: with
     * {@code percent <= -100} every forecast is a price of 0 or less.
     */
    public static LstmModel forecastingAMoveOf(double percent, LstmConfig config) {
        LstmModel model = LstmModel.initialised(config, Scaling.perWindow());
        var block = model.djlModel().getBlock();
        block.initialize(model.djlModel().getNDManager(), DataType.FLOAT32, LstmModel.inputShape(1, config));
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            if (name.contains("Linear")) {
                float[] values = new float[(int) p.getValue().getArray().size()];
                if (name.endsWith("bias")) {
                    values[0] = (float) percent;
                }
                p.getValue().getArray().set(values);
            }
        }
        return model;
    }

    /**
     * A plain DJL predictor on {@code model}'s network (scaled windows in, raw outputs out) without what
     * {@link LstmPredictor} adds: the scaling and the per-thread intra-op setting. It is what LstmPredictor ran
     * before that setting existed, for measuring a thread the setting has not reached. Close it.
     */
    public static Predictor<float[][], float[]> withoutThreadSetting(LstmModel model) {
        return model.djlModel().newPredictor(new WindowTranslator());
    }
}
