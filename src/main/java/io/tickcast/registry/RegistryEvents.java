package io.tickcast.registry;

import java.time.Instant;

/** What the model follower reports; the metrics package implements it. */
public interface RegistryEvents {

    void modelInstalled(long version, Instant createdAt);

    /** @param reason a bounded label: malformed, unsupported-format, incomplete, damaged, incompatible (a tombstone is no rejection) */
    void modelRejected(String reason);

    /** The registry could not be read (it is retried). */
    default void registryReadFailed() {
    }

    RegistryEvents NONE = new RegistryEvents() {
        @Override
        public void modelInstalled(long version, Instant createdAt) {
        }

        @Override
        public void modelRejected(String reason) {
        }
    };
}
