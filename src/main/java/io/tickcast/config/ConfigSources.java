package io.tickcast.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tickcast.errors.Causes;
import io.tickcast.settings.ConfigKey;

/**
 * The settings each source gives, by name: a tickcast key (its name or an old one) or {@code kafka.<setting>}. A
 * name in a file or a {@code TICKCAST_*} variable that is neither is an error naming the nearest valid one.
 */
final class ConfigSources {

    private static final String PASSTHROUGH_ENV = ConfigKey.ENV_PREFIX + "KAFKA_";

    /** A name and its value, and where it was given. */
    record Entry(String name, String value, SettingSource source) {
    }

    private ConfigSources() {
    }

    /**
     * The settings in {@code file}: tickcast keys and {@code kafka.}-prefixed ones as they are, plain Kafka client
     * settings with the prefix added; an error names the file and what is wrong with it.
     */
    static List<Entry> file(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + Causes.ofFile(e), e);
        } catch (IllegalArgumentException e) {   // Properties.load: a malformed unicode escape
            throw new IllegalArgumentException("config file " + file + " is not a properties file: " + e.getMessage(), e);
        }
        SettingSource source = new SettingSource.File(file);
        List<Entry> entries = new ArrayList<>();
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            String key = k.trim();
            if (isTickcastKey(key) || key.startsWith(ConfigKey.KAFKA_PASSTHROUGH_PREFIX)) {
                entries.add(new Entry(key, props.getProperty(k), source));
            } else if (KafkaClientKeys.isKnown(key)) {
                entries.add(new Entry(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + key, props.getProperty(k), source));
            } else {
                throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "'; did you mean '"
                        + nearestKey(key) + "'? (tickcast keys: see docs/configuration.md or tickcast config; Kafka client "
                        + "settings as Kafka's tools take them, with or without the prefix "
                        + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + ")");
            }
        }
        return entries;
    }

    /**
     * {@code TICKCAST_<KEY>} for each key (and each old name), {@code TICKCAST_KAFKA_<SETTING>} for Kafka client
     * settings; the launcher's {@code TICKCAST_JAVA_OPTS} and the logging's {@code TICKCAST_LOG_LEVEL} are read
     * elsewhere. Any other {@code TICKCAST_*} variable is a misspelling and an error.
     */
    static List<Entry> environment(Map<String, String> env) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.ENV_PREFIX) || ConfigKey.ENV_READ_ELSEWHERE.contains(name)) {
                continue;
            }
            SettingSource source = new SettingSource.Environment(name);
            Optional<String> key = keyOfVariable(name);
            String kafkaKey = kafkaKeyOf(name.substring(Math.min(name.length(), PASSTHROUGH_ENV.length())));
            if (key.isPresent()) {
                entries.add(new Entry(key.get(), e.getValue(), source));
            } else if (name.startsWith(PASSTHROUGH_ENV) && KafkaClientKeys.isKnown(kafkaKey)) {
                entries.add(new Entry(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + kafkaKey, e.getValue(), source));
            } else {
                throw new IllegalArgumentException("environment variable " + name + " is not a tickcast setting; did you mean "
                        + NearestName.among(name, knownEnvironmentVariables()) + "? (TICKCAST_<KEY> for each key in "
                        + "docs/configuration.md, Configuration; " + PASSTHROUGH_ENV + "<SETTING> for a Kafka client setting, "
                        + "e.g. " + PASSTHROUGH_ENV + "SECURITY_PROTOCOL)");
            }
        }
        return entries;
    }

    /** {@code --set} and the options that stand for settings, as they are (an unknown key is found later). */
    static List<Entry> commandLine(Map<String, String> overrides) {
        SettingSource source = new SettingSource.CommandLine();
        return overrides.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), source)).toList();
    }

    /** The valid key nearest a misspelt one: a tickcast key or a Kafka client setting. */
    static String nearestKey(String key) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(ConfigKey.values()).forEach(k -> names.add(k.key()));
        KafkaClientKeys.all().forEach(k -> names.add(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + k));
        return NearestName.among(key, names);
    }

    private static boolean isTickcastKey(String name) {
        return ConfigKey.find(name).isPresent() || ConfigKey.renamedFrom(name).isPresent();
    }

    /** The key (or old name) whose variable {@code variable} is. */
    private static Optional<String> keyOfVariable(String variable) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.envVar().equals(variable)) {
                return Optional.of(k.key());
            }
            for (String old : k.oldNames()) {
                if (ConfigKey.envVarFor(old).equals(variable)) {
                    return Optional.of(old);
                }
            }
        }
        return Optional.empty();
    }

    private static String kafkaKeyOf(String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Set<String> knownEnvironmentVariables() {
        Set<String> names = new TreeSet<>(ConfigKey.ENV_READ_ELSEWHERE);
        Arrays.stream(ConfigKey.values()).forEach(k -> names.add(k.envVar()));
        KafkaClientKeys.all().forEach(k -> names.add(ConfigKey.envVarFor(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + k)));
        return names;
    }
}
