package io.tickcast.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.tickcast.settings.ConfigKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every setting's value as given and where it came from: (lowest precedence first) the default, each file in turn,
 * {@code TICKCAST_*} environment variables, the command line. A key set under its old name counts as the new one,
 * and {@link #resolve} logs a warning that names the new name. {@link TickcastConfig#from} parses and checks these.
 */
public final class EffectiveSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EffectiveSettings.class);

    private final Map<ConfigKey, Setting> values;
    private final Map<String, Setting> kafka;
    private final List<RenamedKeyUse> renamed;

    private EffectiveSettings(Map<ConfigKey, Setting> values, Map<String, Setting> kafka, List<RenamedKeyUse> renamed) {
        this.values = values;
        this.kafka = kafka;
        this.renamed = renamed;
    }

    /**
     * The settings {@code files}, {@code env} (only {@code TICKCAST_*} variables) and {@code overrides} give, each
     * use of an old name logged as a warning.
     *
     * @throws IllegalArgumentException naming the file, variable or key and the nearest valid name, for a name that is
     *                                  not a setting, or for a key set under its old and its new name in one place
     */
    public static EffectiveSettings resolve(List<Path> files, Map<String, String> env, Map<String, String> overrides) {
        Map<ConfigKey, Setting> values = new EnumMap<>(ConfigKey.class);
        Map<String, Setting> kafka = new TreeMap<>();
        List<RenamedKeyUse> renamed = new ArrayList<>();
        List<List<ConfigSources.Entry>> sources = new ArrayList<>();
        files.forEach(f -> sources.add(ConfigSources.file(f)));
        sources.add(ConfigSources.environment(env));
        sources.add(ConfigSources.commandLine(overrides));
        for (List<ConfigSources.Entry> source : sources) {
            Map<ConfigKey, String> namedHere = new HashMap<>();
            for (ConfigSources.Entry e : source) {
                if (e.name().startsWith(ConfigKey.KAFKA_PASSTHROUGH_PREFIX)) {
                    kafka.put(kafkaSetting(e.name()), new Setting(e.value(), e.source(), Optional.empty()));
                    continue;
                }
                ConfigKey key = ConfigKey.find(e.name()).or(() -> ConfigKey.renamedFrom(e.name()))
                        .orElseThrow(() -> new UnknownKeyException(e.name(), e.source().describe()));
                String other = namedHere.put(key, e.name());
                if (other != null) {
                    throw new IllegalArgumentException("'" + other + "' and '" + e.name() + "' (" + e.source().describe()
                            + ") are one setting, under its old and its new name: keep '" + key.key() + "' only");
                }
                boolean old = !key.key().equals(e.name());
                values.put(key, new Setting(e.value(), e.source(), old ? Optional.of(e.name()) : Optional.empty()));
                if (old) {
                    renamed.add(new RenamedKeyUse(key, e.name(), e.source()));
                }
            }
        }
        renamed.forEach(r -> LOG.warn(r.warning()));
        return new EffectiveSettings(values, Collections.unmodifiableMap(kafka), List.copyOf(renamed));
    }

    /** No file, no environment, no overrides: every key at its default. */
    public static EffectiveSettings defaults() {
        return new EffectiveSettings(Map.of(), Map.of(), List.of());
    }

    /** {@code key}'s value and where it came from (its default when nothing set it). */
    public Setting get(ConfigKey key) {
        Setting s = values.get(key);
        return s != null ? s : new Setting(key.defaultValue(), new SettingSource.Default(), Optional.empty());
    }

    /** The Kafka client settings given ({@code kafka.*}, plain ones in files, {@code TICKCAST_KAFKA_*}), without the prefix. */
    public Map<String, Setting> kafka() {
        return kafka;
    }

    /** The settings given under an old name, in the order read. */
    public List<RenamedKeyUse> renamed() {
        return renamed;
    }

    private static String kafkaSetting(String name) {
        String setting = name.substring(ConfigKey.KAFKA_PASSTHROUGH_PREFIX.length());
        if (!KafkaClientKeys.isKnown(setting)) {
            throw new IllegalArgumentException("'" + name + "' names no Kafka client setting ('" + setting
                    + "' is not a producer, consumer, admin or Kafka Streams setting); did you mean '"
                    + ConfigSources.nearestKey(name) + "'?");
        }
        return setting;
    }
}
