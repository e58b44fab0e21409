package io.tickcast.service;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Kafka Streams' {@code rocksdb.config.setter}: every RocksDB store of the process shares one block cache of
 * {@code stream.rocksdb.memory-mb}, and their memtables count against that same cache (a write-buffer manager
 * holding half of it), so the stores' native memory stays bounded however many partitions, stores and symbols an
 * instance has. Without it each store (one per store per partition) takes its own 50 MB block cache plus up to three
 * 16 MB memtables, and index and filter blocks grow outside any cache with the data.
 *
 * <p>Index and filter blocks live in the cache too (high priority, top level pinned), so a large store cannot push
 * the total past the bound; the price is a few more reads of them from disk when the cache is small.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The Kafka Streams setting (one of tickcast's, passed through the Streams config) that carries the bound. */
    static final String TOTAL_BYTES = "tickcast.rocksdb.total-bytes";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long sharedBytes;

    /** The settings that install it with a bound of {@code megabytes} for the process. */
    static Map<String, Object> settings(int megabytes) {
        return Map.of(org.apache.kafka.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class,
                TOTAL_BYTES, Long.toString(megabytes * 1024L * 1024L));
    }

    /** The shared cache, made on first use; later stores share it (the first bound a process sets is the one). */
    private static synchronized void share(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 2, cache);
            sharedBytes = bytes;
        }
    }

    /** The bound in force in this process, in bytes (0 before the first store opened). */
    static synchronized long sharedBytes() {
        return sharedBytes;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(TOTAL_BYTES)));
        share(bytes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(Math.max(1024L * 1024L, Math.min(16L * 1024 * 1024, bytes / 8)));
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed per store
    }
}
