package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tickcast.cli.CliProcess;
import io.tickcast.config.TickcastConfig;
import io.tickcast.records.Forecast;
import io.tickcast.service.TopicAdmin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk fills up while the stream runs (its own small tmpfs, filled by another file). The
 * instance either goes on (forecasting what it can) or stops, not live, with a log line naming the state
 * directory; either way no forecast it committed is wrong or repeated, and once the disk has room again a restarted
 * instance forecasts every tick exactly once, each equal to an undisturbed run's. Needs to mount a tmpfs (root, as
 * CI runs here); elsewhere it is skipped and says why.
 */
class FullDiskIT {

    private static final String APP = "full-disk";
    private static final int SYMBOLS = 4;
    private static final int DAYS = 80;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aFullDiskNeverYieldsAWrongOrRepeatedForecastAndARestartWithRoomCatchesUp() throws Exception {
        Path disk = dir.resolve("disk");
        Files.createDirectories(disk);
        Assumptions.assumeTrue(run(10, "mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString()) == 0,
                "cannot mount a tmpfs here (needs root): the full disk is not tried");
        try {
            TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers()).withApplicationId(APP);
            TopicAdmin.ensureTopics(config, 2, (short) 1);
            UndisturbedForecasts run = UndisturbedForecasts.publish(config, SYMBOLS, DAYS);
            Path state = disk.resolve("state");
            int half = SYMBOLS * DAYS / 2;
            CliProcess first = KilledServices.stream(dir, "first", kafka.bootstrapServers(), APP, state);
            try {
                run.send(config, 0, half);
                KilledServices.awaitCommitted(config, SYMBOLS * (DAYS / 2 - 4), first);
                fill(disk.resolve("filler"));
                run.send(config, half, run.ticks().size());
                // it goes on or it stops: wait until it has forecast everything or is no longer live
                Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> !first.alive() || KilledServices.get(first, "/health/live").statusCode() != 200
                                || KilledServices.committed(config, run.total(), Duration.ZERO).size() >= run.total());
                List<Forecast> sofar = KilledServices.committed(config, run.total(), Duration.ofSeconds(2));
                assertThat(run.problems(sofar)).as("forecasts committed with the disk full").allMatch(p -> p.startsWith("missing: "));
                if (sofar.size() < run.total()) {
                    assertThat(first.log()).as("the log names the state directory").contains(state.toString());
                }
                System.out.printf("with the disk full: %d of %d forecasts, the instance %s%n", sofar.size(), run.total(),
                        first.alive() ? "alive" : "exited " + first.await(1));
            } finally {
                first.close();
                first.log().lines().filter(l -> l.contains("No space left")).limit(10)
                        .forEach(l -> System.out.println("first: " + l));
            }
            Files.delete(disk.resolve("filler"));
            try (CliProcess second = KilledServices.stream(dir, "second", kafka.bootstrapServers(), APP, state)) {
                KilledServices.awaitCommitted(config, run.total(), second);
                assertThat(run.problems(KilledServices.committed(config, run.total(), Duration.ofSeconds(3)))).isEmpty();
            }
        } finally {
            run(30, "umount", "-l", disk.toString());
        }
    }

    /** Writes {@code file} until the disk refuses more. */
    private static void fill(Path file) {
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("the disk is full").containsIgnoringCase("space");
        }
    }

    private static int run(long seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
