package io.tickcast.cli;

import io.tickcast.errors.Causes;
import io.tickcast.kafka.UnreachableBrokerWarnings;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.settings.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code tickcast} command line; every piece of work lives in a subcommand. */
@Command(name = "tickcast",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming next-day price forecasts: Kafka Streams + a DJL LSTM, judged against the naive forecast.",
        subcommands = {DemoCommand.class, RunCommand.class, ProduceCommand.class, ConsumeCommand.class, TrainCommand.class,
            ModelsCommand.class, BacktestCommand.class, ConfigCommand.class,
            CommandLine.HelpCommand.class})
public final class TickcastCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--log-level", paramLabel = "LEVEL", scope = CommandLine.ScopeType.INHERIT,
            description = "How much is logged on stderr: error, warn, info (default) or debug, for tickcast's loggers; "
                    + "error and warn apply to the Kafka clients too (error silences their warnings); info and debug leave "
                    + "the Kafka clients at warn.")
    void logLevel(String level) {
        try {
            LogLevel.parse(level).apply();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TickcastCli());
        cl.registerConverter(java.time.Duration.class, Durations::parse); // 2s, 500ms, ... as well as ISO-8601
        // one line (or a few) saying what went wrong, down to the root cause; the stack trace with -Dtickcast.debug=true
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("tickcast: " + Causes.chain(e)));
            String attempts = UnreachableBrokerWarnings.summary();
            if (attempts != null) {
                commandLine.getErr().println(attempts);
            }
            if (Boolean.getBoolean("tickcast.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        DjlSetup.apply();
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
