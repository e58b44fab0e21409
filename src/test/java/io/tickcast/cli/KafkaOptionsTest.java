package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.tickcast.config.TickcastConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Kafka's spellings: -X for one client setting, --command-config for a client properties file. */
class KafkaOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaOptions kafka;
    }

    private static TickcastConfig parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.kafka.load();
    }

    @Test
    void dashXSetsOneClientSettingAsKafkaDotKeyDoes(@TempDir Path dir) {
        Properties p = parse("-X", "security.protocol=SSL", "-X", "client.id=probe", "-b", "127.0.0.1:9999")
                .kafkaClientProperties();
        assertThat(p).containsEntry("security.protocol", "SSL").containsEntry("client.id", "probe")
                .containsEntry("bootstrap.servers", "127.0.0.1:9999");
    }

    @Test
    void commandConfigReadsAClientPropertiesFileAsConfigDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Properties viaKafkaSpelling = parse("--command-config", file.toString()).kafkaClientProperties();
        Properties viaShort = parse("-c", file.toString()).kafkaClientProperties();
        assertThat(viaKafkaSpelling).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(viaKafkaSpelling).isEqualTo(viaShort);
        // -X wins over the file, as --set does
        assertThat(parse("--command-config", file.toString(), "-X", "sasl.mechanism=PLAIN").kafkaClientProperties())
                .containsEntry("sasl.mechanism", "PLAIN");
    }
}
