package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** consume's options that contradict each other are refused (exit 2) before anything connects. */
class ConsumeOptionsTest {

    /** A port nothing listens on: an option error must come before any attempt to connect. */
    private static CliRun consume(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "consume";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-b";
        all[args.length + 2] = "127.0.0.1:1";
        return CliRun.of(all);
    }

    @Test
    void anOffsetNeedsAPartitionAndIsNotFromBeginning() {
        CliRun noPartition = consume("--offset", "5");
        assertThat(noPartition.exitCode()).isEqualTo(2);
        assertThat(noPartition.err()).contains("--offset needs --partition").doesNotContain("cannot use the Kafka cluster");
        CliRun both = consume("--partition", "0", "--offset", "5", "--from-beginning");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--offset and --from-beginning contradict each other");
        CliRun negative = consume("--partition", "0", "--offset", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--offset must be earliest, latest or an offset 0 or more, was '-1'");
    }

    @Test
    void formatsAndKindsAreSpelledOutWhenWrong() {
        CliRun contradiction = consume("--json", "--format", "table");
        assertThat(contradiction.exitCode()).isEqualTo(2);
        assertThat(contradiction.err()).contains("--json and --format table contradict each other");
        CliRun kind = consume("--topic-kind", "dlq");
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("expected forecasts, dead-letters, models or ticks, got 'dlq'");
        CliRun format = consume("--format", "csv");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("expected table or json, got 'csv'");
        CliRun max = consume("--max-messages", "-3");
        assertThat(max.exitCode()).isEqualTo(2);
        assertThat(max.err()).contains("--max must be 0 (no limit) or more, was -3");
    }

    @Test
    void helpNamesEveryOptionAndKafkasSpellings() {
        String help = CliRun.of("consume", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--topic-kind", "forecasts|dead-letters|models|ticks", "--topic", "--format", "table|json",
                "--json", "--print-metadata", "--follow", "--from-beginning", "--partition", "--offset", "earliest|latest|O",
                "--max, --max-messages", "--idle-timeout", "up to where it ended when consume started");
    }
}
