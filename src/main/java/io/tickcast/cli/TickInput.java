package io.tickcast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tickcast.errors.Causes;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.JsonLinesTickReader;
import io.tickcast.records.Tick;

/**
 * Where {@code produce} reads its ticks: a file, or standard input ({@code -}), in CSV or JSON lines. The format is
 * the one asked for; else the one the file's extension says; else the content's (JSON lines when it starts with
 * <code>{</code>). Everything is read and checked before a tick is returned.
 *
 * @param source a path, or {@code -} for standard input
 * @param format the format asked for ({@code --format}), or null to detect it
 */
record TickInput(String source, TickFormat format) {

    static final String STDIN = "-";

    boolean isStandardInput() {
        return STDIN.equals(source);
    }

    /** What messages call the input: the file, or {@code standard input}. */
    String name() {
        return isStandardInput() ? "standard input" : source;
    }

    /** All ticks of the input, in input order. */
    List<Tick> read(InputStream stdin) {
        byte[] content = content(stdin);
        TickFormat f = format != null ? format
                : isStandardInput() || TickFormat.ofFileName(source) == null ? TickFormat.ofContent(content)
                : TickFormat.ofFileName(source);
        return f == TickFormat.JSON ? JsonLinesTickReader.read(content, name()) : CsvTickReader.read(content, name());
    }

    private byte[] content(InputStream stdin) {
        try {
            return isStandardInput() ? stdin.readAllBytes() : Files.readAllBytes(Path.of(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name() + ": " + Causes.ofFile(e), e);
        }
    }
}
