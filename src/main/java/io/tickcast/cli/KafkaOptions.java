package io.tickcast.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tickcast.config.EffectiveSettings;
import io.tickcast.config.TickcastConfig;
import io.tickcast.settings.ConfigKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a command that talks to a Kafka cluster: its settings and where the cluster is. */
final class KafkaOptions {

    @Mixin
    ConfigOptions config;

    @Option(names = {"-b", "--bootstrap-server", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (overrides bootstrap.servers and TICKCAST_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "-X", paramLabel = "KEY=VALUE",
            description = "One Kafka client setting, as kcat takes it, e.g. -X security.protocol=SSL (the same as --set "
                    + "kafka.KEY=VALUE); repeatable.")
    Map<String, String> clientSettings = new LinkedHashMap<>();

    TickcastConfig load() {
        return TickcastConfig.from(settings());
    }

    /** Every setting as given and where it came from, these options last. */
    EffectiveSettings settings() {
        Map<String, String> overrides = new LinkedHashMap<>();
        clientSettings.forEach((k, v) -> overrides.put(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + k, v));
        if (bootstrapServers != null) {
            overrides.put(ConfigKey.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        return config.settings(overrides);
    }
}
