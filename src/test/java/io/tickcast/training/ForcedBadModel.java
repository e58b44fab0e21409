package io.tickcast.training;

import java.util.List;
import java.util.Random;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;

/**
 * What an operator might force into the registry: a badly trained model, one epoch at learning rate 1.0 on a random
 * walk, so it knows nothing of the waves the trainer's candidates learn and any of them beats it with evidence.
 * (Trained on the wave itself, that one epoch now and then came out as good as a candidate, which was then rightly
 * not promoted, and the tests that expected a promotion failed.)
 */
final class ForcedBadModel {

    private ForcedBadModel() {
    }

    static LstmModel train() {
        return LstmTrainer.train(new LstmConfig(5, 2, 8, 1.0, 1, 64, 42),
                List.of(SyntheticSeries.randomWalk(300, 100, 0.01, new Random(5))), LstmTrainer.EpochListener.NONE)
                .model();
    }
}
