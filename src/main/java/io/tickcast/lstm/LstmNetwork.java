package io.tickcast.lstm;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;

/** The network: a stacked LSTM over the window (batch, steps, 1), its last step, and a linear head to one output. */
final class LstmNetwork {

    private LstmNetwork() {
    }

    static SequentialBlock build(LstmConfig config) {
        SequentialBlock block = new SequentialBlock();
        block.add(LSTM.builder()
                .setStateSize(config.hidden())
                .setNumLayers(config.layers())
                .optBatchFirst(true)
                .optReturnState(false)
                .build());
        // (batch, steps, hidden) -> (batch, hidden): the output at the last time step
        block.add(new LambdaBlock(list -> new NDList(list.head().get(":, -1, :")), "lastStep"));
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }
}
