package io.tickcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final Path PAGE = Path.of("docs", "cli.md");

    @Test
    void docsCliMdHoldsTheReferenceTheCommandsRender() throws IOException {
        String page = Files.readString(PAGE);
        String rendered = CliReference.render(TickcastCli.commandLine());
        if (Boolean.getBoolean("tickcast.docs.regenerate")) {
            Files.writeString(PAGE, CliReference.replaceIn(page, rendered));
            page = Files.readString(PAGE);
        }
        assertThat(CliReference.extractFrom(page))
                .as(PAGE + "'s command reference is not what the commands' picocli model renders; regenerate it with: "
                        + CliReference.REGENERATE)
                .isEqualTo(rendered);
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
