package io.tickcast.records;

/**
 * A label on a topic that names none of the values this build knows (say, a model kind other than {@code lstm} and
 * {@code naive}); the message says which label, and which are known.
 */
public final class UnknownLabelException extends IllegalArgumentException {

    /**
     * @param field the field's name as a person reads it
     * @param known the labels that are known, in words
     */
    public UnknownLabelException(String field, String label, String known) {
        super("unknown " + field + " '" + label + "' (" + known + ")");
    }
}
