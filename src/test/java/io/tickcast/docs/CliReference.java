package io.tickcast.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/cli.md's command reference, rendered as Markdown from the picocli model that {@code --help} prints: an index
 * of the commands, the options that come with every command (or with every command of a kind: the standard help
 * options, the inherited {@code --log-level}, the settings and Kafka mixins) once, then per command its description,
 * synopsis, arguments and own options, and its footer. Descriptions are rendered as written, with
 * {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}} filled in and no other variable resolved (so the
 * page does not depend on the machine that renders it: {@code ${java.io.tmpdir}} stays as it is). Text is taken as
 * it is, not escaped beyond the pipes of table cells: a description is plain prose, which Markdown shows as such.
 */
final class CliReference {

    static final String REGENERATE = "mvn -B -q test -Dtest=CliReferenceTest -D" + GeneratedPart.REGENERATE_PROPERTY + "=true";
    /** Where the reference stands in docs/cli.md. */
    static final GeneratedPart PART = new GeneratedPart(java.nio.file.Path.of("docs", "cli.md"),
            "<!-- BEGIN command reference, generated from the picocli model by " + REGENERATE
                    + "; edit the commands' descriptions, not this part -->", "<!-- END command reference -->", REGENERATE);

    /** Synopsis lines are wrapped here, between options, never inside one (picocli's own wrap breaks at dots). */
    private static final int SYNOPSIS_WIDTH = 100;
    private static final int UNWRAPPED = 10_000;

    private final List<CommandSpec> commands = new ArrayList<>();
    private final Map<String, OptionSpec> shared = new LinkedHashMap<>();

    private CliReference(CommandLine root) {
        collect(root);
    }

    /** The reference, between {@link #PART}'s markers. */
    static String render(CommandLine root) {
        return new CliReference(root).render();
    }

    private void collect(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.usageMessage().width(UNWRAPPED);
        if (spec.parent() != null) {
            commands.add(spec);
            for (OptionSpec o : spec.options()) {
                if (isShared(spec, o)) {
                    shared.putIfAbsent(o.longestName(), o);
                }
            }
        }
        command.getSubcommands().forEach((name, sub) -> {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                collect(sub);
            }
        });
    }

    /** Standard help, inherited from the top, or from a mixin: an option several commands share, described once. */
    private static boolean isShared(CommandSpec spec, OptionSpec o) {
        return o.usageHelp() || o.versionHelp() || o.inherited() || mixinOptionNames(spec).contains(o.longestName());
    }

    private static Set<String> mixinOptionNames(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (CommandSpec mixin : spec.mixins().values()) {
            mixin.options().forEach(o -> names.add(o.longestName()));
            names.addAll(mixinOptionNames(mixin));
        }
        return names;
    }

    private String render() {
        StringBuilder md = new StringBuilder();
        md.append("| command | what it does |\n|---|---|\n");
        for (CommandSpec c : commands) {
            md.append("| [`").append(c.qualifiedName()).append("`](#").append(anchor(c)).append(") | ")
                    .append(cell(summary(c))).append(" |\n");
        }
        md.append("\n### Options several commands take\n\n")
                .append("| option | what it does | taken by |\n|---|---|---|\n");
        List<OptionSpec> byReach = new ArrayList<>(shared.values());
        byReach.sort(Comparator.comparingInt(o -> -taking(o).size())); // stable: first seen first among equals
        for (OptionSpec o : byReach) {
            md.append("| ").append(cell(code(label(o)))).append(" | ").append(cell(description(o))).append(" | ")
                    .append(cell(takenBy(o))).append(" |\n");
        }
        for (CommandSpec c : commands) {
            md.append("\n### `").append(c.qualifiedName()).append("`\n\n");
            for (String paragraph : paragraphs(c.usageMessage().description())) {
                md.append(paragraph).append("\n\n");
            }
            md.append("```\n").append(synopsis(c)).append("\n```\n");
            List<ArgSpec> own = new ArrayList<>(c.positionalParameters());
            c.options().stream().filter(o -> !shared.containsKey(o.longestName())).forEach(own::add);
            if (!c.subcommands().isEmpty()) {
                md.append("\nCommands: ").append(c.subcommands().values().stream()
                        .map(s -> "[`" + s.getCommandSpec().qualifiedName() + "`](#" + anchor(s.getCommandSpec()) + ")")
                        .collect(Collectors.joining(", "))).append(".\n");
            }
            if (!own.isEmpty()) {
                md.append("\n| argument or option | what it does |\n|---|---|\n");
                for (ArgSpec a : own) {
                    md.append("| ").append(cell(code(label(a)))).append(" | ").append(cell(description(a))).append(" |\n");
                }
            }
            for (String paragraph : paragraphs(c.usageMessage().footer())) {
                md.append('\n').append(paragraph).append('\n');
            }
        }
        return md.toString();
    }

    /** The header if the command has one, else its description's first sentence. */
    private static String summary(CommandSpec c) {
        String[] header = c.usageMessage().header();
        if (header.length > 0) {
            return escaped(String.join(" ", formatted(header)));
        }
        String first = paragraphs(c.usageMessage().description()).get(0);
        int stop = first.indexOf(". ");
        return stop < 0 ? first : first.substring(0, stop + 1);
    }

    /** The commands that do work (not {@code models}, which only groups two), by name without {@code tickcast}. */
    private List<String> leaves() {
        return commands.stream().filter(c -> c.subcommands().isEmpty()).map(CliReference::shortName).toList();
    }

    private List<String> taking(OptionSpec o) {
        return commands.stream().filter(c -> c.subcommands().isEmpty()).filter(c -> c.findOption(o.longestName()) != null)
                .map(CliReference::shortName).toList();
    }

    private static String shortName(CommandSpec c) {
        return c.qualifiedName().substring(c.root().name().length() + 1);
    }

    private String takenBy(OptionSpec o) {
        List<String> taking = taking(o);
        List<String> not = leaves().stream().filter(l -> !taking.contains(l)).toList();
        if (not.isEmpty()) {
            return "every command";
        }
        if (not.size() == 1) {
            return "every command but `" + not.get(0) + "`";
        }
        return taking.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    /** {@code -c, --config, --command-config FILE}; a positional parameter by its label. */
    private static String label(ArgSpec a) {
        if (a instanceof PositionalParamSpec p) {
            return p.arity().min == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel();
        }
        OptionSpec o = (OptionSpec) a;
        String names = String.join(", ", o.names());
        boolean flag = o.arity().max == 0;
        return flag ? names : names + " " + o.paramLabel();
    }

    /**
     * The description's lines as one text with {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}} filled in,
     * read with the command's variable interpolation off, so that a default such as
     * {@code ${java.io.tmpdir}/tickcast-demo.log} stays as written instead of this machine's value.
     */
    private static String description(ArgSpec a) {
        CommandSpec owner = a.command();
        owner.interpolateVariables(false);
        String text;
        String defaultValue;
        try {
            text = String.join(" ", formatted(a.description()));
            defaultValue = a.defaultValue() != null ? a.defaultValue() : String.valueOf(a.initialValue());
        } finally {
            owner.interpolateVariables(true);
        }
        text = text.replace("${DEFAULT-VALUE}", defaultValue);
        if (a.completionCandidates() != null) {
            List<String> candidates = new ArrayList<>();
            a.completionCandidates().forEach(candidates::add);
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
        }
        if (a instanceof OptionSpec o && o.group() != null && o.group().exclusive()) {
            String others = o.group().options().stream().filter(g -> g != o).map(OptionSpec::longestName)
                    .collect(Collectors.joining(", "));
            text = "Not with " + others + ". " + text;
        } else if (a instanceof OptionSpec o && o.required()) {
            text = "Required. " + text;
        }
        return escaped(text);
    }

    /** Description or footer lines as paragraphs: a line that ends a sentence ends its paragraph. */
    private static List<String> paragraphs(String[] lines) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : formatted(lines)) {
            if (line.isBlank()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : " ").append(line.strip());
            if (line.strip().endsWith(".")) {
                paragraphs.add(escaped(current.toString()));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            paragraphs.add(escaped(current.toString()));
        }
        return paragraphs;
    }

    /** picocli formats description text ({@code %%} is a percent sign), and so does this page. */
    private static List<String> formatted(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(String.format(Locale.ROOT, line).replace(System.lineSeparator(), " "));
        }
        return out;
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    /** A table cell: a pipe would end it. */
    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** picocli's synopsis, as {@code --help} prints it, wrapped at {@link #SYNOPSIS_WIDTH} between its elements. */
    private static String synopsis(CommandSpec c) {
        String line = new CommandLine.Help(c, new ColorScheme.Builder(Ansi.OFF).build()).synopsis(0).strip();
        return SynopsisLines.wrap(line, c.qualifiedName().length() + 1, SYNOPSIS_WIDTH);
    }

    /** Markdown's emphasis marker, literal in this prose ({@code lstm.*, train.*} would turn italic). */
    private static String escaped(String prose) {
        return prose.replace("*", "\\*");
    }

    /** The anchor GitHub gives the heading {@code ### `tickcast NAME`}. */
    private static String anchor(CommandSpec c) {
        return c.qualifiedName().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
