package io.tickcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickcast.cli.TickcastCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The synopsis of every command in docs/cli.md's table agrees with what the command takes (its picocli model, the
 * same one {@code --help} prints): every option a synopsis names exists, and every option of the command is in its
 * synopsis, except the options every command takes, which the page describes once above the table.
 */
class CliSynopsisTest {

    /** Described once for all commands above the table. */
    private static final Set<String> COMMON = Set.of("--help", "--version", "--log-level", "--config", "--set",
            "--bootstrap-server", "-X");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*|-[A-Za-z])(?![\\w-])");

    @Test
    void everyCommandsSynopsisNamesExactlyItsOptions() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/cli.md"));
        CommandLine root = TickcastCli.commandLine();
        List<String> problems = new ArrayList<>();
        for (var entry : root.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            String row = lines.stream().filter(l -> l.startsWith("| `tickcast " + entry.getKey() + " ")
                    || l.startsWith("| `tickcast " + entry.getKey() + "`")).findFirst().orElse(null);
            if (row == null) {
                problems.add(entry.getKey() + ": no row in docs/cli.md's table");
                continue;
            }
            String synopsis = row.split("(?<!\\\\)\\|")[1]; // the first cell (a pipe inside it is escaped: \\|)
            Set<String> named = new LinkedHashSet<>();
            Matcher m = OPTION.matcher(synopsis.replace("\\|", " "));
            while (m.find()) {
                named.add(m.group(1));
            }
            List<OptionSpec> options = new ArrayList<>(entry.getValue().getCommandSpec().options());
            entry.getValue().getSubcommands().values().forEach(sub -> options.addAll(sub.getCommandSpec().options()));
            Set<String> all = new LinkedHashSet<>();
            for (OptionSpec o : options) {
                List<String> names = List.of(o.names());
                all.addAll(names);
                if (names.stream().noneMatch(COMMON::contains) && names.stream().noneMatch(named::contains)) {
                    problems.add(entry.getKey() + ": " + o.longestName() + " is not in its synopsis");
                }
            }
            for (String n : named) {
                if (!all.contains(n)) {
                    problems.add(entry.getKey() + ": the synopsis names " + n + ", which it does not take");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
