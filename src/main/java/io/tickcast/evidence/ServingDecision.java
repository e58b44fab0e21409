package io.tickcast.evidence;

import java.util.Arrays;
import java.util.Optional;

/** Who decides where the LSTM serves ({@code evidence.decision}). */
public enum ServingDecision {
    /** Each symbol's own live evidence ({@link SymbolEvidence}) promotes and demotes the LSTM for that symbol. */
    PER_SYMBOL("per-symbol"),
    /**
     * One decision for all symbols: a model that passed the training-time gate serves every symbol, and the trainer's
     * live check of its pooled forecasts demotes it.
     */
    POOLED("pooled");

    private final String label;

    ServingDecision(String label) {
        this.label = label;
    }

    /** The setting's spelling. */
    public String label() {
        return label;
    }

    /** The decision spelt {@code label}, if any. */
    public static Optional<ServingDecision> of(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
