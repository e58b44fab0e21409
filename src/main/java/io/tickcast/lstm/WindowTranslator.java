package io.tickcast.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** Scaled windows (n x steps) in, the network's raw outputs (n) out. */
final class WindowTranslator implements NoBatchifyTranslator<float[][], float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] windows) {
        int steps = windows[0].length;
        float[] flat = new float[windows.length * steps];
        for (int i = 0; i < windows.length; i++) {
            System.arraycopy(windows[i], 0, flat, i * steps, steps);
        }
        NDArray x = ctx.getNDManager().create(flat, new Shape(windows.length, steps, 1));
        return new NDList(x);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}
