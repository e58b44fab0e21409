package io.tickcast.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.tickcast.cli.TickcastCli;
import io.tickcast.config.KafkaClientKeys;
import io.tickcast.config.TickcastConfig;
import io.tickcast.settings.ConfigKey;
import picocli.CommandLine;

/** What the code defines and the deployment files must agree with: settings, Kafka names, the CLI. */
final class DeploymentContract {

    static final String KAFKA_ENV_PREFIX = ConfigKey.ENV_PREFIX + "KAFKA_";

    /**
     * One thread for PyTorch's native thread pools (OpenMP, MKL) on every thread of a tickcast process; the code
     * sets the model's threads itself (IntraOpThreads), these cover the rest. README, "Threads".
     */
    static final Map<String, String> NATIVE_THREADS_ENV = Map.of("OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1",
            "MKL_CBWR", "AUTO,STRICT");

    private DeploymentContract() {
    }

    /** TICKCAST_* variables that name a configuration key. */
    static Set<String> configEnvVars() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::envVar).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Kafka client setting a TICKCAST_KAFKA_* variable becomes, through tickcast's own configuration loading. */
    static String kafkaSettingOf(String envVar) {
        Map<String, String> overrides = TickcastConfig.load(List.of(), Map.of(envVar, "x"), Map.of()).kafkaOverrides();
        if (overrides.size() != 1) {
            throw new AssertionError(envVar + " maps to " + overrides.size() + " Kafka settings: " + overrides);
        }
        return overrides.keySet().iterator().next();
    }

    /** Topic-level settings (retention.ms, cleanup.policy, ...), from Kafka's own TopicConfig. */
    static Set<String> kafkaTopicConfigNames() {
        return KafkaClientKeys.topicSettings();
    }

    /** The HTTP port given these environment variables (the default when they do not set it). */
    static int httpPort(Map<String, String> env) {
        return Integer.parseInt(env.getOrDefault(ConfigKey.HTTP_PORT.envVar(), ConfigKey.HTTP_PORT.defaultValue()));
    }

    /** The value of a setting given these environment variables. */
    static String setting(Map<String, String> env, ConfigKey key) {
        return env.getOrDefault(key.envVar(), key.defaultValue());
    }

    /** Parses a tickcast command line against the real picocli model; fails the test with picocli's message. */
    static CommandLine.ParseResult parseCli(List<String> args, String where) {
        try {
            return TickcastCli.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": 'tickcast " + String.join(" ", args) + "' is not a valid tickcast command line: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code --role} option of {@code tickcast run}, or null while the CLI has none. */
    static CommandLine.Model.OptionSpec roleOption() {
        return TickcastCli.commandLine().getSubcommands().get("run").getCommandSpec().findOption("--role");
    }
}
