package io.tickcast.cli;

import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.TickcastAcls;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.PromotedBy;
import io.tickcast.registry.RegistryReader;
import io.tickcast.registry.RegistryState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
        header = "Lists the model registry's versions, or serves an older one again.",
        description = {"Inspects the model registry topic and rolls back. The record read last is the model every "
            + "stream instance serves; the trainer keeps the newest versions (trainer.keep-versions) and deletes the "
            + "rest."},
        footer = {"", "If the cluster does not answer, refuses the security settings or lacks the topic, list and "
            + "rollback fail within client.timeout (default PT15S) and say why."},
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Rollback.class})
final class ModelsCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the registry's versions (the newest record under each), oldest first.")
    static final class ListModels implements Callable<Integer> {

        @Mixin
        KafkaOptions configOptions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TickcastConfig config = configOptions.load();
            Properties client = CheckedCluster.clientProperties(config, TickcastAcls.User.MODELS_LIST, config.topics().models());
            RegistryState registry = RegistryReader.readAll(client, config.topics().models());
            var out = spec.commandLine().getOut();
            out.print(RegistryTable.render(registry, config));
            out.flush();
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Publishes an older version again, so every instance serves it (the newest record wins).",
                "The trainer keeps gating new models against it."})
    static final class Rollback implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "VERSION", description = "The version to serve again.")
        long version;

        @Mixin
        KafkaOptions configOptions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TickcastConfig config = configOptions.load();
            Properties client = CheckedCluster.clientProperties(config, TickcastAcls.User.MODELS_ROLLBACK, config.topics().models());
            RegistryState registry = RegistryReader.readAll(client, config.topics().models());
            ModelRecord found = registry.entries().stream()
                    .map(RegistryState.Entry::record)
                    .filter(r -> r != null && r.version() == version && !r.isNaive())
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("version " + version + " is not in the registry "
                            + config.topics().models() + " (see 'tickcast models list')"));
            if (registry.demoted().contains(version)) {
                throw new IllegalArgumentException("v" + version + " was demoted (its live forecasts were worse than naive); "
                        + "it is never served again");
            }
            ModelRecordCodec.loadModel(found, config.lstm(), config.windowSize()).close(); // as a follower would check it
            // a plain producer, not the trainer's transactional one: a rollback neither fences nor waits for the trainer
            try (ModelPublisher publisher = new ModelPublisher(client, config.topics().models())) {
                publisher.publish(found.republished(PromotedBy.ROLLBACK, null).withDemotedVersions(registry.demoted()));
            }
            spec.commandLine().getOut().println("published v" + version + " again; instances switch to it within a second");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
