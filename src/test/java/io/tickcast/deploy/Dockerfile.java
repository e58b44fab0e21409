package io.tickcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small Dockerfile reader: instructions with their continuation lines joined, comments dropped. */
final class Dockerfile {

    /** One instruction, e.g. keyword {@code RUN} with its arguments, and the line it starts on. */
    record Instruction(String keyword, String args, int line) {

        /** The arguments of an exec-form instruction ({@code ["java", "-jar", ...]}). */
        List<String> execForm() {
            try {
                return new ObjectMapper().readValue(args, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new AssertionError("line " + line + ": " + keyword + " is not in exec form (a JSON array): " + args, e);
            }
        }

        /** The value of a {@code --flag=value} option of this instruction (COPY --from, FROM ... AS), or null. */
        String flag(String name) {
            Matcher m = Pattern.compile("--" + Pattern.quote(name) + "=(\\S+)").matcher(args);
            return m.find() ? m.group(1) : null;
        }
    }

    private final String text;
    private final List<Instruction> instructions;

    private Dockerfile(String text, List<Instruction> instructions) {
        this.text = text;
        this.instructions = instructions;
    }

    static Dockerfile read(String relative) {
        String text = ProjectFiles.read(relative);
        List<Instruction> result = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
                continue; // comments (also inside a continued instruction) and blank lines
            }
            boolean continues = trimmed.endsWith("\\");
            String body = continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
            if (current == null) {
                current = new StringBuilder(body);
                start = i + 1;
            } else {
                current.append(' ').append(body);
            }
            if (!continues) {
                String all = current.toString();
                int space = all.indexOf(' ');
                result.add(new Instruction(all.substring(0, space).toUpperCase(Locale.ROOT), all.substring(space + 1).strip(), start));
                current = null;
            }
        }
        if (current != null) {
            throw new UncheckedIOException(new IOException(relative + ": the last instruction ends with a line continuation"));
        }
        return new Dockerfile(text, List.copyOf(result));
    }

    String text() {
        return text;
    }

    List<Instruction> instructions() {
        return instructions;
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError("Dockerfile has no " + keyword);
        }
        return found.get(found.size() - 1);
    }

    /** Instructions of the final stage (after the last FROM). */
    List<Instruction> finalStage() {
        int lastFrom = instructions.indexOf(last("FROM"));
        return instructions.subList(lastFrom + 1, instructions.size());
    }

    /** The default of a build argument ({@code ARG NAME=value}), or null. */
    String argDefault(String name) {
        for (Instruction i : all("ARG")) {
            Matcher m = Pattern.compile("^" + Pattern.quote(name) + "=(\\S+)$").matcher(i.args());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Replaces ${NAME} references to build arguments with their defaults. */
    String resolveArgs(String s) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = argDefault(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value an ENV instruction gives a variable (either {@code ENV K=V ...} or {@code ENV K V}), or null. */
    String env(String name) {
        String value = null;
        for (Instruction i : all("ENV")) {
            Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "=(\"[^\"]*\"|\\S+)").matcher(i.args());
            if (m.find()) {
                value = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            }
        }
        return value;
    }

    /** The image reference documented by the header's {@code docker build ... -t IMAGE} line. */
    String documentedTag() {
        Matcher m = Pattern.compile("docker build .*-t (\\S+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("the Dockerfile's header does not document its tag (docker build ... -t IMAGE)");
        }
        return m.group(1);
    }
}
