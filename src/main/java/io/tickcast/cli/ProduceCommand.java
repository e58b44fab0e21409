package io.tickcast.cli;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.tickcast.client.PublishFailedException;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.TickcastAcls;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import io.tickcast.settings.ConfigKey;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Publishes the ticks of a CSV or JSON lines file, or of standard input, to the ticks topic as JSON "
            + "keyed by symbol, in date order.",
        footer = {"",
            "Input: CSV (symbol,date,close[,open,high,low,volume] with a header) or JSON lines (one tick per line, "
                + "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1628.75}, each checked exactly as the "
                + "stream checks a tick). The format is --format's; else the extension's (.csv; .jsonl, .ndjson, .json); "
                + "else JSON lines if the input starts with {, CSV otherwise. The whole input is read and checked before "
                + "anything is sent: a bad row or line stops produce with exit code 1, naming the line and the reason, "
                + "and nothing is published.",
            "",
            "Delivery: the producer is idempotent and waits for acks from all in-sync replicas, so a retried tick is "
                + "never written twice. Every tick's acknowledgement is checked; an outage shorter than "
                + "client.delivery-timeout (default PT2M) only delays them. If a tick is not acknowledged within it, "
                + "produce stops with exit code 1 and says how many ticks, from the first in date order, are published, "
                + "and the --skip that resumes after them.",
            "",
            "If the cluster does not answer, refuses the security settings or lacks the topic, produce fails within "
                + "client.timeout (default PT15S) before it sends anything, and says why."})
final class ProduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The ticks: a CSV or JSON lines file, or - for standard input.")
    String source;

    @Option(names = "--format", paramLabel = "csv|json", converter = TickFormat.Converter.class,
            description = "The input's format (default: from the file's extension, else from its first character).")
    TickFormat format;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "TICKS_PER_SECOND",
            description = "Pace publishing to this many ticks per second (default: 0, as fast as possible).")
    double rate;

    @Option(names = "--skip", defaultValue = "0", paramLabel = "N",
            description = "Skip the first N ticks in date order (ties in file order): to resume after a run that "
                    + "stopped, with the N it printed (default: 0).")
    int skip;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Mixin
    KafkaOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TickcastConfig config = configOptions.load();
        TickInput input = new TickInput(source, format);
        List<Tick> all = CsvTickReader.inDateOrder(input.read(System.in));
        if (skip < 0 || skip > all.size()) {
            throw new ParameterException(spec.commandLine(), "--skip must be 0.." + all.size() + " ("
                    + (input.isStandardInput() ? "standard input" : "the file") + " has " + all.size() + " ticks), was " + skip);
        }
        List<Tick> ticks = all.subList(skip, all.size());
        String topic = config.topics().ticks();
        Properties client = CheckedCluster.producerProperties(config, TickcastAcls.User.PRODUCE, topic);
        try (TickPublisher publisher = new TickPublisher(client, topic)) {
            publish(publisher, ticks, config);
        } catch (PublishFailedException e) {
            throw new IllegalStateException(stopped(e, config, all, input), e);
        }
        spec.commandLine().getOut().println("published " + ticks.size() + " ticks to " + topic
                + (skip == 0 ? "" : " (after skipping the first " + skip + ")"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Publishes with a progress bar (unless --no-progress) that says when it is waiting for the cluster. */
    private void publish(TickPublisher publisher, List<Tick> ticks, TickcastConfig config) {
        if (noProgress) {
            publisher.publish(ticks, rate, n -> { });
        } else {
            try (ConsoleProgress.Progress progress = ConsoleProgress.of("publishing", ticks.size());
                 StallNote stall = new StallNote(progress, "waiting for the cluster at " + config.bootstrapServers()
                         + " to acknowledge (up to client.delivery-timeout, " + config.clients().deliveryTimeout() + ")",
                         java.time.Duration.ofSeconds(3))) {
                publisher.publish(ticks, rate, done -> {
                    stall.moved(done);
                    progress.stepTo(done);
                });
            }
        }
    }

    /** What a user needs after a stop: what failed, what is known to be published, and how to resume. */
    private String stopped(PublishFailedException e, TickcastConfig config, List<Tick> all, TickInput input) {
        int published = skip + e.published();
        Tick next = all.get(published);
        String timeout = e.getCause() instanceof TimeoutException
                ? " (" + ConfigKey.CLIENT_DELIVERY_TIMEOUT.key() + " is " + config.clients().deliveryTimeout() + ")" : "";
        String later = e.acknowledgedAfter() == 0 ? "ticks after them"
                : e.acknowledgedAfter() + " ticks after them were acknowledged as well, and others";
        return "produce stopped: the cluster at " + config.bootstrapServers() + " did not acknowledge tick " + (published + 1)
                + " of " + all.size() + " (" + next.symbol() + " " + next.date() + "); first error: " + e.getCause().getMessage()
                + timeout + "\n"
                + "published: the first " + published + " ticks of " + input.name() + " in date order are in "
                + config.topics().ticks() + ", each exactly once\n"
                + "resume with: " + (input.isStandardInput() ? "the same input | " : "") + "tickcast produce "
                + input.source() + " --skip " + published + " (and the same options)\n"
                + "(" + later + " may have reached the topic: sent again, a day already in a symbol's "
                + "window counts as a correction and an older one is dead-lettered as out of order)";
    }
}
