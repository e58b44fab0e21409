package io.tickcast.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tickcast.TestPhase;

/** tickcast's command line in a JVM of its own (this test JVM's class path), its output in a log file. */
public final class CliProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private CliProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code tickcast ARGS...} in a new JVM; stdout and stderr go to {@code log}. */
    public static CliProcess start(Path log, String... args) {
        return start(log, javaCommand(args));
    }

    /**
     * Starts {@code tickcast ARGS...} in a new JVM attached to a pseudo-terminal (util-linux {@code script}), as
     * a user at a terminal runs it; what the terminal received (carriage returns included) goes to {@code log}.
     */
    public static CliProcess startInTerminal(Path log, String... args) {
        String command = String.join(" ", javaCommand(args).stream().map(CliProcess::shellQuoted).toList());
        return start(log, List.of("script", "--quiet", "--return", "--command", command, "/dev/null"));
    }

    /**
     * Starts {@code tickcast ARGS...} in a new JVM on another class path, with extra environment variables (as
     * the container image runs it: its own class path, DJL offline).
     */
    public static CliProcess startOn(String classPath, Map<String, String> env, Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", classPath, TickcastCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(env);
        return start(log, builder);
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TickcastCli.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static CliProcess start(Path log, List<String> cmd) {
        return start(log, new ProcessBuilder(cmd));
    }

    private static CliProcess start(Path log, ProcessBuilder builder) {
        TestPhase.requireIntegration("tickcast in a JVM of its own");
        try {
            return new CliProcess(builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    /** Waits for the command to end; its exit code, or throws if it did not end within {@code minutes}. */
    public int await(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            throw new AssertionError("tickcast did not end within " + minutes + " min; its log:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no clean close, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the shutdown hook closes the service
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
