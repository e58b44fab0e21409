package io.tickcast.cli;

import java.nio.file.Path;
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
        description = "Publishes the ticks of a CSV file to the ticks topic as JSON keyed by symbol, in date order.",
        footer = {"",
            "Delivery: the producer is idempotent and waits for acks from all in-sync replicas, so a retried tick is "
                + "never written twice. Every tick's acknowledgement is checked; an outage shorter than "
                + "produce.delivery-timeout (default PT2M) only delays them. If a tick is not acknowledged within it, "
                + "produce stops with exit code 1 and says how many ticks, from the first in date order, are published, "
                + "and the --skip that resumes after them.",
            "",
            "If the cluster does not answer, refuses the security settings or lacks the topic, produce fails within "
                + "client.timeout (default PT15S) before it sends anything, and says why."})
final class ProduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "Ticks: symbol,date,close[,open,high,low,volume] with a header.")
    Path csv;

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
        List<Tick> all = CsvTickReader.inDateOrder(CsvTickReader.read(csv));
        if (skip < 0 || skip > all.size()) {
            throw new ParameterException(spec.commandLine(), "--skip must be 0.." + all.size() + " (the file has "
                    + all.size() + " ticks), was " + skip);
        }
        List<Tick> ticks = all.subList(skip, all.size());
        String topic = config.topics().ticks();
        Properties client = CheckedCluster.producerProperties(config, TickcastAcls.User.PRODUCE, topic);
        try (TickPublisher publisher = new TickPublisher(client, topic)) {
            publish(publisher, ticks);
        } catch (PublishFailedException e) {
            throw new IllegalStateException(stopped(e, config, all), e);
        }
        spec.commandLine().getOut().println("published " + ticks.size() + " ticks to " + topic
                + (skip == 0 ? "" : " (after skipping the first " + skip + ")"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void publish(TickPublisher publisher, List<Tick> ticks) {
        if (noProgress) {
            publisher.publish(ticks, rate, n -> { });
        } else {
            try (ConsoleProgress.Progress progress = ConsoleProgress.of("publishing", ticks.size())) {
                publisher.publish(ticks, rate, progress::stepTo);
            }
        }
    }

    /** What a user needs after a stop: what failed, what is known to be published, and how to resume. */
    private String stopped(PublishFailedException e, TickcastConfig config, List<Tick> all) {
        int published = skip + e.published();
        Tick next = all.get(published);
        String timeout = e.getCause() instanceof TimeoutException
                ? " (" + ConfigKey.PRODUCE_DELIVERY_TIMEOUT.key() + " is " + config.clients().deliveryTimeout() + ")" : "";
        String later = e.acknowledgedAfter() == 0 ? "ticks after them"
                : e.acknowledgedAfter() + " ticks after them were acknowledged as well, and others";
        return "produce stopped: the cluster at " + config.bootstrapServers() + " did not acknowledge tick " + (published + 1)
                + " of " + all.size() + " (" + next.symbol() + " " + next.date() + "); first error: " + e.getCause().getMessage()
                + timeout + "\n"
                + "published: the first " + published + " ticks of " + csv + " in date order are in " + config.topics().ticks()
                + ", each exactly once\n"
                + "resume with: tickcast produce " + csv + " --skip " + published + " (and the same options)\n"
                + "(" + later + " may have reached the topic: sent again, a day already in a symbol's "
                + "window counts as a correction and an older one is dead-lettered as out of order)";
    }
}
