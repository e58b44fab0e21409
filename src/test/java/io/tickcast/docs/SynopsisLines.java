package io.tickcast.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's one-line synopsis wrapped between its elements (an option, a bracketed group, a parameter), never
 * inside one, continuation lines indented under the first option; picocli's own wrap breaks inside words at dots
 * ({@code FILE.} / {@code csv}).
 */
final class SynopsisLines {

    private SynopsisLines() {
    }

    static String wrap(String synopsis, int indent, int width) {
        String pad = " ".repeat(indent);
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean first = true;
        for (String element : elements(synopsis)) {
            if (!first && current.length() + 1 + element.length() > width) {
                lines.add(current.toString());
                current = new StringBuilder(pad);
                first = true;
            }
            current.append(first ? "" : " ").append(element);
            first = false;
        }
        lines.add(current.toString());
        return String.join("\n", lines);
    }

    /** The synopsis split at spaces outside brackets and parentheses ({@code [--model=FILE | --train-csv=F]} is one). */
    static List<String> elements(String synopsis) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < synopsis.length(); i++) {
            char ch = synopsis.charAt(i);
            if (ch == '[' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == ')') {
                depth--;
            } else if (ch == ' ' && depth == 0) {
                elements.add(synopsis.substring(start, i));
                start = i + 1;
            }
        }
        elements.add(synopsis.substring(start));
        return elements;
    }
}
