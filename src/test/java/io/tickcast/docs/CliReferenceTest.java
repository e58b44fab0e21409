package io.tickcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Collection;
import java.util.regex.Pattern;

import io.tickcast.cli.TickcastCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md's command reference is what {@link CliReference} renders from the commands' picocli model (the one
 * {@code --help} prints), so the page says what the commands take. Run with {@code -Dtickcast.docs.regenerate=true}
 * ({@link CliReference#REGENERATE}), it writes the reference into the page instead.
 */
class CliReferenceTest {

    @Test
    void docsCliMdHoldsTheReferenceTheCommandsRender() throws IOException {
        CliReference.PART.check(CliReference.render(TickcastCli.commandLine()));
    }

    @Test
    void theReferenceCoversEveryCommandAndOption() {
        String rendered = CliReference.render(TickcastCli.commandLine());
        assertCovered(rendered, TickcastCli.commandLine().getSubcommands().values());
    }

    private static void assertCovered(String rendered, Collection<CommandLine> commands) {
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            if (command.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            assertThat(rendered).contains("### `" + name + "`");
            command.getCommandSpec().options().forEach(o -> assertThat(rendered).as(name)
                    .contains("| `" + String.join(", ", o.names())));
            command.getCommandSpec().positionalParameters().forEach(p -> assertThat(rendered).as(name)
                    .containsPattern("\\| `\\[?" + Pattern.quote(p.paramLabel()) + "\\]?` \\| " + Pattern.quote(p.description()[0])));
            assertCovered(rendered, command.getSubcommands().values());
        }
    }

    @Test
    void aSynopsisIsWrappedBetweenItsElementsNeverInsideOne() {
        String synopsis = "tickcast train [-hV] [--model=FILE | --train-csv=FILE.csv] -o=MODEL FILE.csv";
        assertThat(SynopsisLines.wrap(synopsis, 15, 40)).isEqualTo("""
                tickcast train [-hV]
                               [--model=FILE | --train-csv=FILE.csv]
                               -o=MODEL FILE.csv""");
    }

    @Test
    void variablesOtherThanTheDefaultAreLeftAsWritten() {
        String rendered = CliReference.render(TickcastCli.commandLine());
        assertThat(rendered).doesNotContain("${DEFAULT-VALUE}", "${COMPLETION-CANDIDATES}", System.getProperty("java.io.tmpdir") + "/")
                .contains("${java.io.tmpdir}/tickcast-demo.log");
    }
}
