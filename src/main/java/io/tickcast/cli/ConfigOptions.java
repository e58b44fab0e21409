package io.tickcast.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickcast.config.EffectiveSettings;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Option;

/** Where a command's settings come from: files and {@code --set}; commands that talk to a cluster add {@link KafkaOptions}. */
final class ConfigOptions {

    @Option(names = {"-c", "--config", "--command-config"}, paramLabel = "FILE",
            description = "Properties file: tickcast settings (keys: tickcast config, docs/configuration.md) and/or Kafka client "
                    + "settings as Kafka's own tools take them (a client.properties with security.protocol, sasl.*, ssl.*); "
                    + "repeatable, later files win. An unknown key is an error naming the nearest valid one.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set topic.ticks=prices or --set kafka.security.protocol=SSL; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Defaults, then the files, then TICKCAST_* environment variables, then {@code --set}, then {@code overrides}. */
    TickcastConfig load(Map<String, String> overrides) {
        return TickcastConfig.from(settings(overrides));
    }

    /** Every setting as given and where it came from (defaults, files, environment, {@code --set}, {@code overrides}). */
    EffectiveSettings settings(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(overrides);
        return EffectiveSettings.resolve(configFiles, System.getenv(), all);
    }

    TickcastConfig load() {
        return load(Map.of());
    }
}
