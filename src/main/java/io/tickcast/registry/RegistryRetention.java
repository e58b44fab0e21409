package io.tickcast.registry;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which versions the trainer deletes from the registry when it publishes, so the registry stays small. It keeps
 * <ul>
 *   <li>the newest {@code keep} versions (whatever they are: models, naive records, records instances refuse);</li>
 *   <li>the version it publishes now, and the one serving before it (which instances that refuse the new record
 *       keep serving, and which a restarted one must still find);</li>
 *   <li>the newest {@code keep} versions a demotion could fall back to (passed the gate, never demoted), so a run
 *       of demotions has models to fall back to even when the newest versions are demoted or naive;</li>
 * </ul>
 * and deletes the rest. Which versions were demoted is not lost with them: every new record carries them
 * ({@link ModelRecord#demotedVersions()}).
 */
public final class RegistryRetention {

    private RegistryRetention() {
    }

    /**
     * @param keep       {@code trainer.keep-versions}, at least 1
     * @param present    the versions the registry holds, the one published now included
     * @param publishing the version published now (it serves next)
     * @param serving    the version serving before it (0: none)
     * @param fallbacks  the versions a demotion could fall back to
     * @return the versions to delete, ascending
     */
    public static NavigableSet<Long> toDelete(int keep, Collection<Long> present, long publishing, long serving,
                                              Collection<Long> fallbacks) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        NavigableSet<Long> delete = new TreeSet<>(present);
        removeNewest(delete, new TreeSet<>(present), keep);
        removeNewest(delete, new TreeSet<>(fallbacks), keep);
        delete.remove(publishing);
        delete.remove(serving);
        return delete;
    }

    private static void removeNewest(NavigableSet<Long> from, NavigableSet<Long> versions, int n) {
        versions.descendingSet().stream().limit(n).forEach(from::remove);
    }
}
