package io.tickcast.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickcast.config.EffectiveSettings;
import io.tickcast.config.KafkaClientKeys;
import io.tickcast.config.Setting;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.KeyGroup;

/**
 * What {@code tickcast config} prints: every key by group, with its meaning, type, allowed values, default and
 * environment variable as comments, then {@code key=value} with the value in effect and, when it is not the default,
 * where it was set; then the Kafka client settings given (credentials not shown). A properties file: {@code -c}
 * reads it back.
 */
final class SettingsListing {

    private static final int WIDTH = 110;

    private SettingsListing() {
    }

    static String render(EffectiveSettings settings) {
        StringBuilder out = new StringBuilder();
        comment(out, "tickcast's settings: each key's meaning, type, allowed values, default and environment variable, "
                + "then its value in effect, from (the last wins) the defaults, config files (-c), TICKCAST_* environment "
                + "variables and the command line (--set, -b, -X). A properties file: -c reads it back. The same keys, "
                + "with links: docs/configuration.md.");
        for (KeyGroup group : KeyGroup.values()) {
            out.append('\n');
            comment(out, "--- " + group.title() + ": " + plain(group.actsOn()) + " ---");
            for (ConfigKey key : ConfigKey.values()) {
                if (key.group() == group) {
                    key(out, key, settings.get(key));
                }
            }
        }
        out.append('\n');
        kafka(out, settings.kafka());
        return out.toString();
    }

    private static void key(StringBuilder out, ConfigKey key, Setting setting) {
        out.append('\n');
        String see = key.docLink().map(s -> " See docs/" + s.page() + ".").orElse("");
        comment(out, capitalised(plain(key.description())) + "." + see);
        comment(out, key.allowedValues() + "; default " + shown(key.defaultValue()) + "; environment variable "
                + key.envVar());
        for (String old : key.oldNames()) {
            comment(out, "old name " + old + " (" + ConfigKey.envVarFor(old) + "): still read, with a warning");
        }
        if (!setting.isDefault()) {
            comment(out, setting.origin());
        }
        out.append(key.key()).append('=').append(escaped(setting.value())).append('\n');
    }

    private static void kafka(StringBuilder out, Map<String, Setting> kafka) {
        comment(out, "--- Kafka client settings (" + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + "*), passed to every Kafka client: "
                + (kafka.isEmpty() ? "none given ---" : kafka.size() + " given ---"));
        kafka.forEach((name, setting) -> {
            String key = ConfigKey.KAFKA_PASSTHROUGH_PREFIX + name;
            if (KafkaClientKeys.isSecret(name)) {
                comment(out, setting.origin() + "; a credential, not shown");
                comment(out, key + "=[hidden]");
            } else {
                comment(out, setting.origin());
                out.append(key).append('=').append(escaped(setting.value())).append('\n');
            }
        });
    }

    /** {@code text} as comment lines of at most {@link #WIDTH} characters. */
    private static void comment(StringBuilder out, String text) {
        for (String line : wrapped(text, WIDTH - 2)) {
            out.append("# ").append(line).append('\n');
        }
    }

    static List<String> wrapped(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** A description as a terminal shows it: without the reference's {@code `code`} marks. */
    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(empty)" : value;
    }

    /** A value as a properties file must spell it to be read back the same. */
    private static String escaped(String value) {
        String s = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return s.startsWith(" ") ? "\\" + s : s;
    }
}
