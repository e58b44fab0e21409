package io.tickcast.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Mean squared error, (label - prediction)^2 averaged, built from tensor operations only. DJL's {@code L2Loss}
 * multiplies by its weight through a scalar tensor it creates from a Java number and closes at once; with
 * autograd on, the graph keeps that tensor for the backward pass, but its memory is a direct buffer the JVM
 * frees whenever a garbage collection finds it unreferenced. A collection between the forward and the backward
 * pass then scaled the gradient by whatever the freed memory held: once in a while a gradient of about 1e7 blew
 * up Adam's moment estimates and the training froze from that step on (the weights stopped moving), or differed
 * from run to run. With a collection forced every 5 ms, 10 of 10 trainings on DJIA's training part froze; with
 * this loss, 10 of 10 came out identical to a quiet one ({@code TrainingUnderGarbageCollectionTest}). The loss
 * is the same number L2Loss with weight 1 gives.
 */
final class MeanSquaredLoss extends Loss {

    MeanSquaredLoss() {
        super("mse");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray prediction = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow().reshape(prediction.getShape());
        return label.sub(prediction).square().mean();
    }
}
