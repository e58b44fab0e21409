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

    /**
     * The value of {@code values} whose {@code labelOf} is {@code label}.
     *
     * @param field the field's name as a person reads it, for the message
     * @throws UnknownLabelException naming the label and every known one ("a, b or c") if none is
     */
    public static <E> E find(String field, E[] values, java.util.function.Function<E, String> labelOf, String label) {
        for (E value : values) {
            if (labelOf.apply(value).equals(label)) {
                return value;
            }
        }
        java.util.List<String> known = java.util.Arrays.stream(values).map(labelOf).toList();
        throw new UnknownLabelException(field, label, known.size() == 1 ? known.get(0)
                : String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1));
    }
}
