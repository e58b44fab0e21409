package io.tickcast.settings;

import java.util.ArrayList;
import java.util.List;

/** The kind of value a configuration key takes, and how its text is read. */
public enum ValueType {
    TEXT("text"),
    INTEGER("integer"),
    /** An integer that may exceed an {@code int}. */
    LONG("integer"),
    DECIMAL("number"),
    DURATION("duration"),
    /** Comma-separated numbers, e.g. {@code 0.8,0.95}. */
    DECIMALS("numbers, comma-separated"),
    /** One of a few words, which the key's {@link Rule} names. */
    CHOICE("one of");

    private final String label;

    ValueType(String label) {
        this.label = label;
    }

    /** What the type is called in the reference and in {@code tickcast config}. */
    public String label() {
        return label;
    }

    /**
     * The value {@code text} spells: a String (TEXT, CHOICE), Integer, Long, Double, Duration or List of Double.
     *
     * @throws InvalidSettingException naming {@code key} and what the type allows
     */
    Object parse(ConfigKey key, String text) {
        try {
            return switch (this) {
                case TEXT, CHOICE -> text;
                case INTEGER -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case DECIMAL -> Double.parseDouble(text);
                case DURATION -> Durations.parse(text);
                case DECIMALS -> decimals(text);
            };
        } catch (IllegalArgumentException e) {   // NumberFormatException too
            throw new InvalidSettingException(key, "must be " + spelling(key), "'" + text + "'");
        }
    }

    private String spelling(ConfigKey key) {
        return switch (this) {
            case INTEGER, LONG -> "an integer";
            case DECIMAL -> "a number";
            case DURATION -> "a duration: " + Durations.SPELLINGS;
            case DECIMALS -> "comma-separated numbers such as " + key.defaultValue();
            case TEXT, CHOICE -> "text";
        };
    }

    private static List<Double> decimals(String text) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",")) {
            values.add(Double.parseDouble(part.trim()));
        }
        return values;
    }
}
