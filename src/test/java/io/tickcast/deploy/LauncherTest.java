package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tickcast} launcher, run for real in a copy of the project layout whose jar is up to date (so it
 * never builds), with a stand-in {@code java} on the PATH that prints the environment and arguments it gets.
 */
class LauncherTest {

    private static final String FAKE_JAVA = """
            #!/bin/sh
            echo "OMP_NUM_THREADS=${OMP_NUM_THREADS-unset}"
            echo "MKL_NUM_THREADS=${MKL_NUM_THREADS-unset}"
            echo "MKL_CBWR=${MKL_CBWR-unset}"
            for arg in "$@"; do echo "arg $arg"; done
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheLauncherNextToAnUpToDateJar() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        Path launcher = dir.resolve("tickcast");
        Files.copy(ProjectFiles.path("tickcast"), launcher);
        executable(launcher);
        Instant past = Instant.now().minusSeconds(3600);
        Files.createDirectories(dir.resolve("src/main"));
        Files.setLastModifiedTime(dir.resolve("src/main"), FileTime.from(past));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(dir.resolve("pom.xml"), FileTime.from(past));
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/tickcast.jar"), "");
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/java"), FAKE_JAVA);
        executable(dir.resolve("bin/java"));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What the stand-in java printed, one line each, when the launcher ran with {@code env} added. */
    private List<String> launch(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", dir.resolve("tickcast").toString(), "--version")
                .redirectErrorStream(true);
        Map<String, String> environment = pb.environment();
        environment.keySet().removeAll(List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "MKL_CBWR", "TICKCAST_JAVA_OPTS"));
        environment.put("PATH", dir.resolve("bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void nativeThreadPoolsGetOneThreadByDefault() throws Exception {
        List<String> out = launch(Map.of());
        DeploymentContract.NATIVE_THREADS_ENV.forEach((name, value) -> assertThat(out).contains(name + "=" + value));
        assertThat(out).contains("arg -Dai.djl.offline=true", "arg -Dai.djl.pytorch.num_threads=1",
                "arg -Dai.djl.pytorch.num_interop_threads=1");
        String classPath = DemoClassPathIT.LAUNCHER_CLASS_PATH.stream().map(e -> dir.toAbsolutePath().resolve(e).toString())
                .collect(Collectors.joining(":"));
        assertThat(out.subList(out.size() - 4, out.size()))
                .as("the class path (the jar, then the demo's broker), the main class and the command come last")
                .containsExactly("arg -cp", "arg " + classPath, "arg io.tickcast.cli.TickcastCli", "arg --version");
        assertThat(classPath).startsWith(dir.toAbsolutePath().resolve("target/tickcast.jar") + ":");
    }

    @Test
    void valuesTheUserSetWin() throws Exception {
        List<String> out = launch(Map.of("OMP_NUM_THREADS", "4", "MKL_NUM_THREADS", "3",
                "TICKCAST_JAVA_OPTS", "-Dai.djl.pytorch.num_threads=2"));
        assertThat(out).contains("OMP_NUM_THREADS=4", "MKL_NUM_THREADS=3");
        // the JVM keeps the last of two -D flags for one property
        assertThat(out.lastIndexOf("arg -Dai.djl.pytorch.num_threads=2"))
                .isGreaterThan(out.lastIndexOf("arg -Dai.djl.pytorch.num_threads=1"));
    }
}
