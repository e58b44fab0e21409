package io.tickcast.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reader of the registry topic knows from the records it has read: the newest record under each key (a
 * tombstone deletes its key, as compaction will), the versions any record read says were demoted, and the
 * highest version any record or key names. Records are decoded here, never loaded into the engine: that is
 * left to whoever serves one. Thread-safe.
 */
public final class RegistryState {

    /** The newest record under a key: decoded, or why it cannot be ({@code reason} is a bounded metric label). */
    public record Entry(long offset, String key, ModelRecord record, String reason, String error) {

        public boolean decoded() {
            return record != null;
        }
    }

    private final Map<String, Entry> byKey = new HashMap<>();
    private final Set<Long> demoted = new HashSet<>();
    private long maxVersion;

    /**
     * Takes one record of the topic, in offset order.
     *
     * @return its entry, or null for a tombstone (its key is deleted)
     */
    public synchronized Entry add(long offset, String key, byte[] value) {
        ModelRecord.versionOf(key).ifPresent(v -> maxVersion = Math.max(maxVersion, v));
        if (value == null) {
            byKey.remove(key);
            return null;
        }
        Entry entry;
        try {
            ModelRecord r = ModelRecordCodec.decode(value);
            maxVersion = Math.max(maxVersion, r.version());
            if (r.demotion() != null) {
                demoted.add(r.demotion().demotedVersion());
            }
            demoted.addAll(r.demotedVersions());
            entry = new Entry(offset, key, r, null, null);
        } catch (ModelRecordCodec.InvalidRecordException e) {
            entry = new Entry(offset, key, null, e.reason(), e.getMessage());
        }
        byKey.put(key, entry);
        return entry;
    }

    /** The newest record under each key, oldest first: what the topic holds once compacted. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingLong(Entry::offset));
        return out;
    }

    /** Versions a demotion took out of service (as far as any record read says). */
    public synchronized Set<Long> demoted() {
        return Set.copyOf(demoted);
    }

    /** The highest version any record or key read names (0 if none). */
    public synchronized long maxVersion() {
        return maxVersion;
    }

    /** The versions the topic holds a record for (by key name; keys of another form are not versions). */
    public synchronized NavigableSet<Long> versions() {
        NavigableSet<Long> out = new TreeSet<>();
        byKey.keySet().forEach(k -> ModelRecord.versionOf(k).ifPresent(out::add));
        return out;
    }

    /** The decoded LSTM records the topic holds, by version (not yet checked against their model bytes). */
    public synchronized List<ModelRecord> models() {
        return byKey.values().stream().map(Entry::record)
                .filter(r -> r != null && !r.isNaive())
                .sorted(Comparator.comparingLong(ModelRecord::version))
                .toList();
    }
}
