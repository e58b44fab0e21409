package io.tickcast.records;

import java.util.List;

/**
 * JSON lines with ticks that are not valid: the first few bad lines, each as {@code NAME:LINE: reason: detail} (the
 * reason is a dead letter's {@link RejectReason#code()}), and how many there are in all.
 */
public final class JsonLinesFormatException extends IllegalArgumentException {

    private final int badLines;

    JsonLinesFormatException(List<String> named, int badLines) {
        super(message(named, badLines));
        this.badLines = badLines;
    }

    /** How many lines of the input are not valid ticks. */
    public int badLines() {
        return badLines;
    }

    private static String message(List<String> named, int badLines) {
        String more = badLines > named.size() ? "\n(" + (badLines - named.size()) + " more bad lines, " + badLines
                + " in all)" : "";
        return String.join("\n", named) + more;
    }
}
