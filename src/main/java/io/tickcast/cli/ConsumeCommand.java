package io.tickcast.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.client.ForecastReader;
import io.tickcast.config.TickcastConfig;
import io.tickcast.demo.ForecastLine;
import io.tickcast.kafka.TickcastAcls;
import io.tickcast.records.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Prints forecasts from the forecasts topic, as a readable table or as JSON lines.",
        footer = {"", "If the cluster does not answer, refuses the security settings or lacks the topic, consume fails "
            + "within client.timeout (default PT15S) and says why."})
final class ConsumeCommand implements Callable<Integer> {

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new forecasts until Ctrl-C.")
    boolean follow;

    @Option(names = "--from-beginning", description = "Start at the oldest forecast instead of only new ones.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print each forecast as one JSON line instead of a table row.")
    boolean json;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N forecasts (default: 0, no limit).")
    long max;

    @Option(names = "--idle-timeout", defaultValue = "PT5S",
            description = "Without --follow, stop after this long with no new forecast (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Mixin
    KafkaOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = configOptions.load();
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong seen = new AtomicLong();
        Properties client = CheckedCluster.clientProperties(config, TickcastAcls.User.CONSUME, config.topics().forecasts());
        if (!json) {
            out.println(ForecastLine.header());
        }
        try (ForecastReader reader = new ForecastReader(client, config.topics().forecasts(), fromBeginning)) {
            long idleSince = System.nanoTime();
            while (max == 0 || seen.get() < max) {
                int n = reader.poll(Duration.ofMillis(500), f -> {
                    if (max == 0 || seen.get() < max) {
                        out.println(json ? toJson(f) : ForecastLine.format(f));
                        seen.incrementAndGet();
                    }
                });
                out.flush();
                if (n > 0) {
                    idleSince = System.nanoTime();
                } else if (!follow && System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                    break;
                }
            }
        }
        return 0;
    }

    private static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
