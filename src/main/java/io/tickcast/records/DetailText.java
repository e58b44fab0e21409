package io.tickcast.records;

/** Untrusted text made fit for a dead letter's detail header and for logs: readable, and short. */
public final class DetailText {

    /** Longest piece of input quoted in a detail. */
    static final int MAX_QUOTED_CHARS = 40;

    private DetailText() {
    }

    /** At most {@value #MAX_QUOTED_CHARS} characters of {@code text}, {@link #readable}. */
    static String quoted(String text) {
        return shortened(text, MAX_QUOTED_CHARS);
    }

    /** At most {@code maxChars} characters of {@code text}, {@link #readable}, saying how long it was if cut. */
    public static String shortened(String text, int maxChars) {
        return text.length() <= maxChars ? readable(text)
                : readable(text.substring(0, maxChars)) + "... (" + text.length() + " characters)";
    }

    /** {@code text} with control characters and unpaired surrogates written as {@code \\uXXXX}. */
    static String readable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                b.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
