package io.tickcast.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausesTest {

    @TempDir
    Path dir;

    @Test
    void aWrapperThatHidesItsCauseIsFollowedDownToTheRoot() {
        KafkaException e = new KafkaException("Failed to construct kafka consumer",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
        assertThat(Causes.chain(e)).isEqualTo(
                "Failed to construct kafka consumer: ConfigException: No resolvable bootstrap urls given in bootstrap.servers");
        assertThat(Causes.root(e)).isInstanceOf(ConfigException.class);
        assertThat(Causes.find(e, ConfigException.class)).isSameAs(e.getCause());
        assertThat(Causes.find(e, UnknownHostException.class)).isNull();
    }

    @Test
    void whatAMessageAlreadySaysIsNotRepeatedAndAMissingMessageIsTheClassName() {
        IllegalStateException repeats = new IllegalStateException("cannot read x: Connection refused",
                new RuntimeException("connection refused"));
        assertThat(Causes.chain(repeats)).isEqualTo("cannot read x: Connection refused");
        assertThat(Causes.chain(new IllegalStateException("damaged", new EOFException()))).isEqualTo("damaged: EOFException");
        assertThat(Causes.chain(new NullPointerException())).isEqualTo("NullPointerException");
        RuntimeException three = new RuntimeException("a", new RuntimeException("b", new UnknownHostException("nosuchhost.invalid")));
        assertThat(Causes.chain(three)).isEqualTo("a: b: UnknownHostException: nosuchhost.invalid");
    }

    @Test
    void fileErrorsAreSaidInWords() throws IOException {
        assertThat(Causes.ofFile(new NoSuchFileException("/x/y"))).isEqualTo("no such file");
        assertThat(Causes.ofFile(new AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(Causes.ofFile(new MalformedInputException(1))).startsWith("not UTF-8 text");
        assertThat(Causes.ofFile(new EOFException())).isEqualTo("ends too early");
        IOException directory = readError(dir);
        assertThat(Causes.ofFile(directory)).isEqualTo("is a directory");
        assertThat(Causes.chain(new UncheckedIOException("cannot read " + dir + ": " + Causes.ofFile(directory), directory)))
                .isEqualTo("cannot read " + dir + ": is a directory");
    }

    private static IOException readError(Path path) {
        try {
            Files.readAllBytes(path);
            throw new AssertionError("read " + path);
        } catch (IOException e) {
            return e;
        }
    }
}
