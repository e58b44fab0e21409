package io.tickcast.cli;

import java.util.concurrent.Callable;

import io.tickcast.config.EffectiveSettings;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Prints every setting: its meaning, type, default, and the value in effect.",
        description = {"Prints each configuration key, by where it acts, with its meaning, type, allowed values, default "
            + "and environment variable, then the value in effect and where it was set (a config file, an environment "
            + "variable, the command line). The output is a properties file: -c reads it back.",
            "Checks the settings as every command does first: a value that is not allowed, or an unknown key, is an "
            + "error (exit status 1); a key under its old name is a warning naming the new one."})
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EffectiveSettings settings = options.settings();
        TickcastConfig.from(settings);   // the same checks as every command's
        spec.commandLine().getOut().print(SettingsListing.render(settings));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
