package io.tickcast.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.tickcast.client.StartPosition;
import io.tickcast.client.TopicReader;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Prints the records of a tickcast topic (forecasts by default; dead letters, models or ticks), "
            + "as a readable table or as JSON lines.",
        footer = {"",
            "Without --follow, consume reads what the topic holds up to where it ended when consume started, then "
                + "exits 0; it starts at the end unless --from-beginning or --offset says otherwise, so it then reads "
                + "nothing and says so on stderr. With --follow it waits for new records until Ctrl-C (or --max, "
                + "or --idle-timeout). Only committed records are read (read_committed). How many records were read "
                + "goes to stderr; stdout carries only records.",
            "",
            "If the cluster does not answer, refuses the security settings or lacks the topic, consume fails "
                + "within client.timeout (default PT15S) and says why."})
final class ConsumeCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--topic-kind", defaultValue = "forecasts", paramLabel = "forecasts|dead-letters|models|ticks",
            converter = TopicKind.Converter.class,
            description = "Which topic to read (default: ${DEFAULT-VALUE}): forecasts; dead letters with their reason and "
                    + "source headers; model registry records (versions and evidence, not the weights); or ticks.")
    TopicKind kind;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "The topic's name, if not the one the settings give (topic.forecasts, topic.dead-letter, "
                    + "topic.models, topic.ticks).")
    String topic;

    @Option(names = "--format", paramLabel = "table|json", converter = ConsoleFormat.Converter.class,
            description = "Print a table (default) or one JSON value per record.")
    ConsoleFormat format;

    @Option(names = "--json", description = "The same as --format json.")
    boolean json;

    @Option(names = "--print-metadata",
            description = "Also print each record's partition, offset, timestamp, key and headers (in JSON: an "
                    + "envelope whose value is the record).")
    boolean printMetadata;

    @Option(names = {"-f", "--follow"}, description = "After the records there are, keep waiting for new ones until Ctrl-C.")
    boolean follow;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "P", description = "Read only this partition (default: all).")
    Integer partition;

    @Option(names = "--offset", paramLabel = "earliest|latest|O",
            description = "Where to start in --partition: the oldest record, the end, or offset O (default: latest).")
    String offset;

    @Option(names = {"--max", "--max-messages"}, paramLabel = "N", defaultValue = "0",
            description = "Stop after N records (default: 0, no limit).")
    long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Also stop after this long without a new record (e.g. 5s; default: none).")
    Duration idleTimeout;

    @Mixin
    KafkaOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsoleFormat effectiveFormat = format();
        StartPosition start = start();
        if (max < 0) {
            throw new ParameterException(spec.commandLine(), "--max must be 0 (no limit) or more, was " + max);
        }
        TickcastConfig settings = configOptions.load();
        String name = topic != null ? topic : kind.topicIn(settings);
        TickcastConfig config = kind.withTopic(settings, name);
        Properties client = CheckedCluster.clientProperties(config, kind.reader(), name);
        RecordPrinter printer = new RecordPrinter(kind.view(), effectiveFormat, printMetadata);
        PrintWriter out = spec.commandLine().getOut();
        long seen;
        try (TopicReader reader = new TopicReader(client, name, partition, start)) {
            String header = printer.header();
            if (header != null) {
                out.println(header);
            }
            long idleSince = System.nanoTime();
            long[] printed = {0};
            while (max == 0 || printed[0] < max) {
                if (!follow && reader.reachedEnd()) {
                    break;
                }
                int n = reader.poll(POLL, r -> {
                    if (max == 0 || printed[0] < max) {
                        out.println(printer.line(r));
                        printed[0]++;
                    }
                });
                out.flush();
                if (n > 0) {
                    idleSince = System.nanoTime();
                } else if (idleTimeout != null && System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                    break;
                }
            }
            seen = printed[0];
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(summary(name, seen, start));
        err.flush();
        return 0;
    }

    private ConsoleFormat format() {
        if (json && format == ConsoleFormat.TABLE) {
            throw new ParameterException(spec.commandLine(), "--json and --format table contradict each other");
        }
        return json ? ConsoleFormat.JSON : format == null ? ConsoleFormat.TABLE : format;
    }

    /** Where to start: as Kafka's console consumer takes it (--offset needs --partition, and not --from-beginning). */
    private StartPosition start() {
        if (offset == null) {
            return fromBeginning ? StartPosition.EARLIEST : StartPosition.LATEST;
        }
        if (partition == null) {
            throw new ParameterException(spec.commandLine(), "--offset needs --partition (an offset is one partition's)");
        }
        if (fromBeginning) {
            throw new ParameterException(spec.commandLine(), "--offset and --from-beginning contradict each other: "
                    + "--offset earliest is --from-beginning");
        }
        return parseOffset(offset);
    }

    private StartPosition parseOffset(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("earliest")) {
            return StartPosition.EARLIEST;
        }
        if (v.equals("latest")) {
            return StartPosition.LATEST;
        }
        try {
            long o = Long.parseLong(v);
            if (o >= 0) {
                return StartPosition.at(o);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ParameterException(spec.commandLine(), "--offset must be earliest, latest or an offset 0 or more, was '"
                + value + "'");
    }

    private String summary(String name, long seen, StartPosition start) {
        String read = "read " + seen + (seen == 1 ? " record" : " records") + " from " + name
                + (partition == null ? "" : " partition " + partition);
        if (seen == 0 && !follow && start.kind() == StartPosition.Kind.LATEST) {
            return read + ": consume started at the end and, without --follow, stops there (it no longer waits 5 s "
                    + "for new records; --from-beginning reads what is there, --follow waits for new records)";
        }
        return read;
    }
}
