package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The start-up check of local stores: a healthy store is kept, a damaged one's task directory goes. */
class LocalStoreCheckTest {

    @TempDir
    Path app;

    @Test
    void healthyStoresAndTaskDirectoriesWithoutStoresAreKept() throws Exception {
        Path store = store("0_0", "price-windows", 200);
        Files.createDirectories(app.resolve("1_0"));
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "{}");

        assertThat(LocalStoreCheck.discardDamaged(app)).isEmpty();
        assertThat(store).isDirectory();
        assertThat(app.resolve("1_0")).isDirectory();
    }

    @Test
    void aStoreWithAnOverwrittenCurrentFileLosesItsTaskDirectoryAndOnlyThat() throws Exception {
        Path damaged = store("0_0", "price-windows", 200);
        Path healthy = store("0_1", "price-windows", 200);
        Files.writeString(damaged.resolve("CURRENT"), "garbage", StandardCharsets.US_ASCII);

        List<LocalStoreCheck.Discarded> discarded = LocalStoreCheck.discardDamaged(app);

        assertThat(discarded).extracting(LocalStoreCheck.Discarded::taskDirectory).containsExactly(app.resolve("0_0"));
        assertThat(discarded.get(0).store()).isEqualTo(damaged);
        assertThat(discarded.get(0).why()).isNotBlank();
        assertThat(app.resolve("0_0")).doesNotExist();
        assertThat(healthy).isDirectory();
    }

    @Test
    void aTableFileWithFlippedBytesIsFoundByItsChecksum() throws Exception {
        Path damaged = store("2_0", "pending-forecasts", 2_000);
        Path table;
        try (Stream<Path> files = Files.list(damaged)) {
            table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(table);
        for (int i = 100; i < 200; i++) { // inside the first data block: the file still opens, its checksum fails
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(table, bytes);

        assertThat(LocalStoreCheck.damage(damaged)).isNotNull();
        assertThat(LocalStoreCheck.discardDamaged(app)).hasSize(1);
        assertThat(app.resolve("2_0")).doesNotExist();
    }

    @Test
    void aMissingStateDirectoryIsNothingToCheck() {
        assertThat(LocalStoreCheck.discardDamaged(app.resolve("not-there"))).isEmpty();
    }

    /** A RocksDB store with {@code keys} keys flushed to a table file, at {@code TASK/rocksdb/NAME}. */
    private Path store(String task, String name, int keys) throws Exception {
        Path dir = app.resolve(task).resolve("rocksdb").resolve(name);
        Files.createDirectories(dir);
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, dir.toString());
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int k = 0; k < keys; k++) {
                db.put(("symbol-" + k).getBytes(StandardCharsets.UTF_8), ("window of " + k).getBytes(StandardCharsets.UTF_8));
            }
            db.flush(flush);
        }
        Files.writeString(app.resolve(task).resolve(".checkpoint"), "0\n0\n");
        return dir;
    }
}
