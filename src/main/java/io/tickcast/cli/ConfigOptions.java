package io.tickcast.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tickcast.config.ConfigKey;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares: where the config comes from. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file: tickcast settings (keys: see README, Configuration) and/or Kafka client "
                    + "settings as Kafka's own tools take them (a client.properties with security.protocol, sasl.*, ssl.*); "
                    + "repeatable, later files win. An unknown key is an error naming the nearest valid one.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (overrides bootstrap.servers and TICKCAST_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set topic.ticks=prices or --set kafka.security.protocol=SSL; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Defaults, then the file, then TICKCAST_* environment variables, then these options. */
    TickcastConfig load() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            overrides.put(ConfigKey.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        return TickcastConfig.load(configFiles, System.getenv(), overrides);
    }
}
