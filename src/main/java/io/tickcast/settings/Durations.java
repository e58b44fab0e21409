package io.tickcast.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as settings and options spell them: ISO-8601 ({@code PT2S}, {@code PT1H30M}) or a whole number with a
 * unit, as Kafka users write them ({@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d}).
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    /** What a duration may look like, for error messages. */
    public static final String SPELLINGS = "500ms, 2s, 5m, 1h, 1d or ISO-8601 such as PT15S";

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the allowed spellings */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (" + SPELLINGS + ")");
        }
    }
}
