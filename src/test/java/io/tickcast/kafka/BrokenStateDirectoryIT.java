package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.tickcast.cli.CliProcess;
import io.tickcast.config.TickcastConfig;
import io.tickcast.service.TopicAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory whose store files are damaged while the instance is down: the next instance must not serve from
 * it. It rebuilds the damaged stores from their changelogs, and every forecast is then committed exactly once and
 * equal to an undisturbed run's.
 */
class BrokenStateDirectoryIT {

    private static final String APP = "broken-state";
    private static final int SYMBOLS = 4;
    private static final int DAYS = 60;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void storeFilesOverwrittenWithGarbageAreRebuiltFromTheChangelog() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId(APP);
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        UndisturbedForecasts run = UndisturbedForecasts.publish(config, SYMBOLS, DAYS);
        int half = SYMBOLS * DAYS / 2;
        Path state = dir.resolve("state");
        try (CliProcess first = KilledServices.stream(dir, "first", kafka.bootstrapServers(), APP, state)) {
            run.send(config, 0, half);
            KilledServices.awaitCommitted(config, SYMBOLS * (DAYS / 2 - 4), first);
        } // SIGTERM: a clean stop, the stores' files are all on disk
        List<Path> damaged = damageStoreFiles(state.resolve(APP));
        assertThat(damaged).as("RocksDB files in the state directory").isNotEmpty();

        try (CliProcess second = KilledServices.stream(dir, "second", kafka.bootstrapServers(), APP, state)) {
            run.send(config, half, run.ticks().size());
            KilledServices.awaitCommitted(config, run.total(), second);
            assertThat(run.problems(KilledServices.committed(config, run.total(), Duration.ofSeconds(3)))).isEmpty();
            List<Path> tasks = damaged.stream().map(f -> state.resolve(APP).relativize(f).getName(0))
                    .map(state.resolve(APP)::resolve).distinct().toList();
            for (Path task : tasks) {
                assertThat(second.log()).as("the log names each damaged task directory")
                        .contains("deleted its task directory " + task + "; the task is restored from its changelog");
            }
            assertThat(KilledServices.scrape(second)).as("the metric counts the tasks rebuilt")
                    .containsPattern("(?m)^tickcast_local_stores_discarded_total " + tasks.size() + "\\.0$");
        }
    }

    /** Overwrites every file of every RocksDB store under {@code appState} with random bytes; the files it overwrote. */
    private static List<Path> damageStoreFiles(Path appState) throws IOException {
        Random random = new Random(7);
        try (Stream<Path> files = Files.walk(appState)) {
            List<Path> rocksDbFiles = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/rocksdb/")).toList();
            for (Path p : rocksDbFiles) {
                byte[] garbage = new byte[(int) Math.max(64, Files.size(p))];
                random.nextBytes(garbage);
                try {
                    Files.write(p, garbage);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return rocksDbFiles;
        }
    }
}
