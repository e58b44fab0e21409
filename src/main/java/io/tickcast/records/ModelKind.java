package io.tickcast.records;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What makes a forecast, or what a model registry record serves: the LSTM, or the naive forecast (tomorrow = today).
 * On the topics (a contract) it is its {@link #label()}: {@code lstm} or {@code naive}.
 */
public enum ModelKind {
    LSTM("lstm"),
    NAIVE("naive");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    /** The kind as the topics carry it. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The label: what the JSON carries and what tables and logs show. */
    @Override
    public String toString() {
        return label;
    }

    /**
     * The kind a topic's label names.
     *
     * @throws UnknownLabelException for any other label
     */
    @JsonCreator
    public static ModelKind of(String label) {
        return UnknownLabelException.find("kind", values(), ModelKind::label, label);
    }
}
