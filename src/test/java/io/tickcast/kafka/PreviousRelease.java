package io.tickcast.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The previous release of tickcast, built from this repository's history for the rolling-upgrade test: the commit
 * tagged {@link #TAG} (pinned by its hash too, so a clone without tags finds it), exported with {@code git archive}
 * into {@code target/previous-release/} and packaged there with Maven ({@code -Dmaven.test.skip}), once per
 * {@code target} directory. Its class path is the jar and the runtime libraries that build copies beside it.
 */
final class PreviousRelease {

    static final String TAG = "v0.1.0";
    static final String COMMIT = "84631f9a4dc78a12dbe3b1c7076c37362556c7c1";

    private PreviousRelease() {
    }

    /** Builds the previous release if this target directory has not yet; its class path. */
    static synchronized RollingInstances.Build build() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        Path dir = root.resolve("target").resolve("previous-release").resolve(TAG);
        Path jar = dir.resolve("target").resolve("tickcast.jar");
        if (!Files.isRegularFile(jar)) {
            io.tickcast.kafka.TempDirs.deleteQuietly(dir);
            Files.createDirectories(dir);
            Path log = dir.resolveSibling(TAG + "-build.log");
            run(root, log, 2, "sh", "-c", "git archive --format=tar " + COMMIT + " | tar -x -C '" + dir + "'");
            run(dir, log, 15, "mvn", "-B", "-q", "-Dmaven.test.skip=true", "package");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("building " + TAG + " made no " + jar + "; see " + log);
            }
        }
        return new RollingInstances.Build(TAG, jar + java.io.File.pathSeparator + dir.resolve("target").resolve("lib") + "/*");
    }

    private static void run(Path in, Path log, long minutes, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(in.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + minutes + " min; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ") building "
                    + TAG + " (" + COMMIT + ") from this repository's history; its output:\n" + readQuietly(log));
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
