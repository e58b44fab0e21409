package io.tickcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How {@code consume} shows the records of one kind of topic: a table row, or a JSON value. A record that is not
 * what the topic should hold is shown as such (never skipped, never a reason to stop).
 */
interface RecordView {

    /** The table's header line. */
    String header();

    /** One table row (no line break). */
    String row(ConsumerRecord<byte[], byte[]> record);

    /** The record's value as one JSON value. */
    JsonNode json(ConsumerRecord<byte[], byte[]> record);
}
