package io.tickcast.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tickcast.docs.GeneratedPart;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.KeyGroup;

/**
 * The part of docs/configuration.md made from the key definitions ({@link ConfigKey}, {@link KeyGroup}): how keys are
 * named, a table of each group's keys, and the renamed keys. It stands between two marker lines; the prose around them
 * is written by hand in the page itself. {@link ConfigurationPageTest} fails when the page's part is stale.
 */
final class ConfigurationPage {

    static final String REGENERATE = "mvn -B -q test -Dtest=ConfigurationPageTest -D" + GeneratedPart.REGENERATE_PROPERTY
            + "=true";
    static final String BEGIN = "<!-- Generated from io.tickcast.settings.ConfigKey down to the end marker: edit the keys "
            + "there, then regenerate (" + REGENERATE + ") -->";
    static final String END = "<!-- End of the generated part -->";
    /** Where the part stands in docs/configuration.md. */
    static final GeneratedPart PART = new GeneratedPart(java.nio.file.Path.of("docs", "configuration.md"), BEGIN, END,
            REGENERATE);

    private ConfigurationPage() {
    }

    /** {@code page} with its generated part made anew. */
    static String regenerate(String page) {
        return PART.replaceIn(page, part());
    }

    /** What stands between the markers: the generated text, a blank line before it. */
    static String part() {
        return "\n" + generated() + "\n";
    }

    static String generated() {
        StringBuilder md = new StringBuilder();
        md.append("## How keys are named\n\n")
                .append(wrapped("A key's first word names the part of tickcast it acts in; the keys Kafka users know from Kafka "
                        + "itself keep Kafka's names. Each key's environment variable is `TICKCAST_` and the key in capitals, "
                        + "`.` and `-` as `_` (`" + ConfigKey.LSTM_WINDOW_SIZE.key() + "`: `" + ConfigKey.LSTM_WINDOW_SIZE.envVar()
                        + "`). Keys renamed to follow this scheme still work under their old names, in `--set`, in config "
                        + "files and as `TICKCAST_*` variables, with a warning that names the new one ([Renamed keys]"
                        + "(#renamed-keys)).")).append("\n\n")
                .append("| keys | where they act |\n|---|---|\n");
        for (KeyGroup g : KeyGroup.values()) {
            md.append("| ").append(String.join(", ", namesOf(g))).append(" | [").append(g.title()).append("](#")
                    .append(anchor(g.title())).append("): ").append(g.actsOn()).append(" |\n");
        }
        for (KeyGroup g : KeyGroup.values()) {
            md.append("\n## ").append(g.title()).append("\n\n")
                    .append("| key | environment variable | type and values | default | meaning |\n|---|---|---|---|---|\n");
            for (ConfigKey k : ConfigKey.values()) {
                if (k.group() == g) {
                    md.append("| `").append(k.key()).append("` | `").append(k.envVar()).append("` | ")
                            .append(cell(k.allowedValues())).append(" | ")
                            .append(k.defaultAsWritten().isEmpty() ? "(empty)" : "`" + k.defaultAsWritten() + "`").append(" | ")
                            .append(cell(meaning(k))).append(" |\n");
                }
            }
            if (g == KeyGroup.KAFKA) {
                md.append("| `" + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + "<client setting>` | `" + ConfigKey.ENV_PREFIX
                        + "KAFKA_<SETTING>` (`_` for `.`) | text | | passed to every Kafka client, e.g. "
                        + "`kafka.security.protocol=SASL_SSL`; overrides tickcast's own client defaults such as "
                        + "`processing.guarantee` (see below) |\n");
            }
        }
        md.append("\n## Renamed keys\n\n")
                .append("These old names still work, with a warning that names the new one; use the new names.\n\n")
                .append("| old name | old environment variable | new name |\n|---|---|---|\n");
        for (ConfigKey k : ConfigKey.values()) {
            for (String old : k.oldNames()) {
                md.append("| `").append(old).append("` | `").append(ConfigKey.envVarFor(old)).append("` | `")
                        .append(k.key()).append("` |\n");
            }
        }
        return md.toString();
    }

    /** The names a group's row shows: {@code stream.*}, or the Kafka group's keys one by one ({@code topic.*} once). */
    private static List<String> namesOf(KeyGroup g) {
        if (!g.prefix().isEmpty()) {
            return List.of("`" + g.prefix() + "*`");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.group() == g) {
                String first = k.key().substring(0, k.key().indexOf('.') + 1);
                long sharing = java.util.Arrays.stream(ConfigKey.values()).filter(o -> o.key().startsWith(first)).count();
                names.add("`" + (sharing > 1 ? first + "*" : k.key()) + "`");
            }
        }
        names.add("`" + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + "*`");
        return new ArrayList<>(names);
    }

    private static String meaning(ConfigKey k) {
        return k.description() + k.docLink().map(s -> "; see [" + s.label() + "](" + s.page() + ")").orElse("");
    }

    /** A paragraph in lines of at most 110 characters, as the hand-written prose is. */
    private static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > 110) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The anchor GitHub gives a heading. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
