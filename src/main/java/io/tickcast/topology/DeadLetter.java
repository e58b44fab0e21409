package io.tickcast.topology;

import java.nio.charset.StandardCharsets;

import io.tickcast.records.RejectReason;
import org.apache.kafka.common.header.Headers;

/**
 * A rejected tick on its way to the dead-letter topic: the original bytes and why. Header names are part
 * of the record contract, shared by every dead letter (a rejected tick, an out-of-order one, and one whose
 * processing threw: {@link PoisonRecordHandler}).
 */
public record DeadLetter(byte[] original, RejectReason reason, String detail) {

    public static final String HEADER_REASON = "tickcast.dlq.reason";
    public static final String HEADER_DETAIL = "tickcast.dlq.detail";
    public static final String HEADER_SOURCE_TOPIC = "tickcast.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "tickcast.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "tickcast.source.offset";

    void addHeadersTo(Headers headers) {
        headers.remove(HEADER_REASON).remove(HEADER_DETAIL);
        headers.add(HEADER_REASON, reason.code().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_DETAIL, detail.getBytes(StandardCharsets.UTF_8));
    }

    /** Names where a tick was read, replacing any source headers it came with. */
    static void stampSource(Headers headers, String topic, int partition, long offset) {
        headers.remove(HEADER_SOURCE_TOPIC).remove(HEADER_SOURCE_PARTITION).remove(HEADER_SOURCE_OFFSET);
        headers.add(HEADER_SOURCE_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_SOURCE_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_SOURCE_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
    }
}
