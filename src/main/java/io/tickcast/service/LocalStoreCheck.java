package io.tickcast.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.tickcast.kafka.TempDirs;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The check of this instance's local state before Kafka Streams opens it: every RocksDB store under the
 * application's state directory ({@code state.dir/application.id/TASK/rocksdb/STORE}) is opened read-only and its
 * files' checksums verified. A task directory holding a store that fails (a corrupt or truncated file, one that
 * cannot be read) is deleted whole, so that Kafka Streams restores the task from its changelog topics instead of
 * serving from a damaged copy. Run it before {@link org.apache.kafka.streams.KafkaStreams#start()}, with the client
 * constructed (it holds the state directory's lock, so no other instance in this directory runs meanwhile).
 */
final class LocalStoreCheck {

    /** A task directory that was deleted, the store in it that failed, and why. */
    record Discarded(Path taskDirectory, Path store, String why) {
    }

    private LocalStoreCheck() {
    }

    /**
     * Checks the stores under {@code appStateDir} (nothing if it does not exist) and deletes the task directories
     * of those that fail.
     *
     * @return the task directories deleted, in order
     */
    static List<Discarded> discardDamaged(Path appStateDir) {
        List<Discarded> discarded = new ArrayList<>();
        if (!Files.isDirectory(appStateDir)) {
            return discarded;
        }
        RocksDB.loadLibrary();
        for (Path task : children(appStateDir)) {
            Path rocksdb = task.resolve("rocksdb");
            if (!Files.isDirectory(rocksdb)) {
                continue;
            }
            for (Path store : stores(rocksdb)) {
                String why = damage(store);
                if (why != null) {
                    TempDirs.deleteQuietly(task);
                    if (Files.exists(task)) {
                        throw new IllegalStateException("the local state store " + store + " is damaged (" + why
                                + ") and its task directory " + task + " cannot be deleted: delete it by hand, or the "
                                + "whole state directory " + appStateDir + ", and start again");
                    }
                    discarded.add(new Discarded(task, store, why));
                    break;
                }
            }
        }
        return discarded;
    }

    /** The RocksDB databases under a task's {@code rocksdb} directory: a store, or the segments of a segmented one. */
    private static List<Path> stores(Path rocksdb) {
        List<Path> stores = new ArrayList<>();
        for (Path store : children(rocksdb)) {
            if (holdsFiles(store)) {
                stores.add(store);
            } else {
                children(store).stream().filter(LocalStoreCheck::holdsFiles).forEach(stores::add);
            }
        }
        return stores;
    }

    /** Why the database at {@code store} cannot be used (null: it opens and its checksums match). */
    static String damage(Path store) {
        List<byte[]> families;
        try (Options options = new Options()) {
            families = RocksDB.listColumnFamilies(options, store.toString());
        } catch (RocksDBException e) {
            return e.getMessage();
        }
        if (families.isEmpty()) {
            return "no column families (no CURRENT or MANIFEST file)";
        }
        List<ColumnFamilyDescriptor> descriptors = families.stream().map(ColumnFamilyDescriptor::new).toList();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setParanoidChecks(true);
             RocksDB db = RocksDB.openReadOnly(options, store.toString(), descriptors, handles)) {
            try {
                db.verifyChecksum();
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
            return null;
        } catch (RocksDBException e) {
            return e.getMessage();
        }
    }

    private static boolean holdsFiles(Path dir) {
        return children(dir).stream().anyMatch(Files::isRegularFile);
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
