package io.tickcast.lstm;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * DJL's default weight initialisation (Xavier, uniform in +-sqrt(6 / ((fanIn + fanOut) / 2))), drawn from a
 * generator of its own instead of the engine's process-wide one: a training's starting weights depend on its
 * seed alone, whatever other threads draw meanwhile. Parameters are initialised in the block's fixed order.
 */
final class SeededXavierInitializer implements Initializer {

    private final Random random;

    SeededXavierInitializer(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("Xavier initialisation needs at least 2 dimensions, got " + shape);
        }
        double receptive = shape.dimension() == 2 ? 1 : shape.slice(2).size();
        double fanIn = shape.get(1) * receptive;
        double fanOut = shape.get(0) * receptive;
        double scale = Math.sqrt(6 / ((fanIn + fanOut) / 2));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
