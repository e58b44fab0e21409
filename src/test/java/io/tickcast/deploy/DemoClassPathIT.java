package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tickcast.cli.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickcast demo} on the class path {@code ./tickcast} gives it, not the tests' (which hold the broker anyway):
 * the packaged jar, whose manifest names target/lib, and target/demo-lib, the in-process broker with the jars only it
 * needs. It fails if target/demo-lib misses a jar the broker loads.
 */
class DemoClassPathIT {

    /** What {@code ./tickcast} puts on the class path, relative to the repository top ({@link LauncherTest} checks it). */
    static final List<String> LAUNCHER_CLASS_PATH = List.of("target/tickcast.jar", "target/demo-lib/*");

    @TempDir
    Path dir;

    @Test
    void theDemoRunsOnTheLaunchersClassPath() throws Exception {
        List<String> rows = new ArrayList<>(List.of("symbol,date,close"));
        for (String symbol : List.of("AAA", "BBB")) {
            for (int i = 0; i < 300; i++) {
                rows.add(String.format(Locale.ROOT, "%s,%s,%.4f", symbol, LocalDate.of(2021, 1, 1).plusDays(i),
                        100 + 5 * Math.sin(i / 3.0)));
            }
        }
        Path csv = Files.write(dir.resolve("ticks.csv"), rows);
        String classPath = String.join(File.pathSeparator, LAUNCHER_CLASS_PATH.stream()
                .map(e -> ProjectFiles.path(e).toString()).toList());
        try (CliProcess demo = CliProcess.startOn(classPath, DeploymentContract.NATIVE_THREADS_ENV, dir.resolve("demo.out"),
                "demo", "--csv", csv.toString(), "--quiet", "--retrain-every", "0", "--log-file",
                dir.resolve("demo.log").toString(), "--set", "http.port=0")) {
            assertThat(demo.await(5)).as(demo.log()).isZero();
            assertThat(demo.log()).contains("Starting an in-process Kafka broker", "RMSE served")
                    .containsPattern("(?m)^AAA ").containsPattern("(?m)^BBB ");
        }
    }
}
