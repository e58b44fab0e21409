package io.tickcast.client;

/**
 * Where a {@link TopicReader} starts on each partition it reads: the oldest record, the end (only records written
 * from then on), or one offset.
 *
 * @param kind   which of the three
 * @param offset the offset, for {@link Kind#OFFSET} (else -1)
 */
public record StartPosition(Kind kind, long offset) {

    public enum Kind { EARLIEST, LATEST, OFFSET }

    public static final StartPosition EARLIEST = new StartPosition(Kind.EARLIEST, -1);
    public static final StartPosition LATEST = new StartPosition(Kind.LATEST, -1);

    public StartPosition {
        if ((kind == Kind.OFFSET) != (offset >= 0)) {
            throw new IllegalArgumentException(kind == Kind.OFFSET ? "an offset is 0 or more, was " + offset
                    : kind + " takes no offset");
        }
    }

    public static StartPosition at(long offset) {
        return new StartPosition(Kind.OFFSET, offset);
    }
}
