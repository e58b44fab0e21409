package io.tickcast.cli;

import java.util.Map;

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

    TickcastConfig load() {
        return bootstrapServers == null ? config.load()
                : config.load(Map.of(ConfigKey.BOOTSTRAP_SERVERS.key(), bootstrapServers));
    }
}
