package io.tickcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a docs page that code makes, between a begin and an end marker line, with hand-written prose around it.
 * Its test checks that the page holds what the code makes now; run with {@code -Dtickcast.docs.regenerate=true}, it
 * writes it into the page instead.
 *
 * @param page       the page, relative to the project
 * @param begin      the line before the part
 * @param end        the line after the part
 * @param regenerate the command that writes the part anew, which a stale page's failure names
 */
public record GeneratedPart(Path page, String begin, String end, String regenerate) {

    /** The system property that makes the part's test write the page instead of checking it. */
    public static final String REGENERATE_PROPERTY = "tickcast.docs.regenerate";

    /** {@code text} with the part between the markers replaced by {@code part}. */
    public String replaceIn(String text, String part) {
        return text.substring(0, start(text)) + part + text.substring(text.indexOf(end));
    }

    /** The part between the markers, as {@code text} holds it. */
    public String extractFrom(String text) {
        return text.substring(start(text), text.indexOf(end));
    }

    /** Where the part starts: on the line after the begin marker. */
    private int start(String text) {
        int at = text.indexOf(begin + "\n");
        if (at < 0 || text.indexOf(end) < at) {
            throw new IllegalArgumentException(page + " has no " + begin + " ... " + end + " part");
        }
        return at + begin.length() + 1;
    }

    /** Fails unless the page holds {@code part} (writes it in first under {@link #REGENERATE_PROPERTY}). */
    public void check(String part) throws IOException {
        String text = Files.readString(page);
        if (Boolean.getBoolean(REGENERATE_PROPERTY) && !extractFrom(text).equals(part)) {
            Files.writeString(page, replaceIn(text, part));
            text = Files.readString(page);
        }
        assertThat(extractFrom(text)).as(page + "'s generated part is stale; regenerate it with: " + regenerate)
                .isEqualTo(part);
    }
}
