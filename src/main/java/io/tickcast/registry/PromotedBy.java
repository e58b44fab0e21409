package io.tickcast.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tickcast.records.UnknownLabelException;

/**
 * Why a model registry record was published; in the record's JSON (a contract) it is its {@link #label()}.
 */
public enum PromotedBy {
    /** Passed the promotion gate. */
    GATE("gate"),
    /**
     * Sane, but not shown better than naive on the pooled validation windows: it serves where per-symbol evidence
     * promotes it.
     */
    CHALLENGER("challenger"),
    /** Published by an operator with {@code --force}, without validation. */
    FORCED("forced"),
    /** An older version published again by an operator ({@code models rollback}). */
    ROLLBACK("rollback"),
    /** The trainer demoted the version in the record's {@code demotion} and falls back to this one. */
    DEMOTION("demotion"),
    /** Records of older builds. */
    BOOTSTRAP("bootstrap");

    private final String label;

    PromotedBy(String label) {
        this.label = label;
    }

    /** The reason as the record's JSON carries it. */
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
     * The reason a record's label names.
     *
     * @throws UnknownLabelException for any other label
     */
    @JsonCreator
    public static PromotedBy of(String label) {
        return UnknownLabelException.find("promotedBy", values(), PromotedBy::label, label);
    }
}
