package io.tickcast.client;

/**
 * Publishing stopped because the cluster did not acknowledge a record. The first {@link #published()} records are
 * known to be in the topic, each exactly once; of the records after them, {@link #acknowledgedAfter()} are known to
 * be there too, and any other may or may not be (its outcome was abandoned).
 */
public final class PublishFailedException extends RuntimeException {

    private final int published;
    private final int acknowledgedAfter;
    private final int total;

    PublishFailedException(String message, int published, int acknowledgedAfter, int total, Throwable cause) {
        super(message, cause);
        this.published = published;
        this.acknowledgedAfter = acknowledgedAfter;
        this.total = total;
    }

    /** How many records, from the first on and in the order given, the cluster acknowledged. */
    public int published() {
        return published;
    }

    /** How many records after the first unacknowledged one the cluster acknowledged nevertheless. */
    public int acknowledgedAfter() {
        return acknowledgedAfter;
    }

    /** How many records there were to publish. */
    public int total() {
        return total;
    }
}
