package io.tickcast.cli;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.topology.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Dead letters: why (the reason and detail headers), where the tick was read (the source headers), and its bytes. */
final class DeadLetterView implements RecordView {

    private static final String ROW = "%-16s %-20s %s";
    /** Most characters of the original value in a table row. */
    private static final int VALUE_CHARS = 80;

    @Override
    public String header() {
        return String.format(Locale.ROOT, ROW, "reason", "source", "detail | original value");
    }

    @Override
    public String row(ConsumerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        String source = orDash(text(h, DeadLetter.HEADER_SOURCE_TOPIC)) + "-" + orDash(text(h, DeadLetter.HEADER_SOURCE_PARTITION))
                + "@" + orDash(text(h, DeadLetter.HEADER_SOURCE_OFFSET));
        return String.format(Locale.ROOT, ROW, orDash(text(h, DeadLetter.HEADER_REASON)), source,
                orDash(text(h, DeadLetter.HEADER_DETAIL)) + " | " + RecordBytes.shown(record.value(), VALUE_CHARS));
    }

    @Override
    public JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("reason", text(h, DeadLetter.HEADER_REASON));
        o.put("detail", text(h, DeadLetter.HEADER_DETAIL));
        ObjectNode source = o.putObject("source");
        source.put("topic", text(h, DeadLetter.HEADER_SOURCE_TOPIC));
        number(source, "partition", text(h, DeadLetter.HEADER_SOURCE_PARTITION));
        number(source, "offset", text(h, DeadLetter.HEADER_SOURCE_OFFSET));
        o.set("value", RecordBytes.json(record.value()));
        return o;
    }

    /** The last header of that name as text (null if absent). */
    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : RecordBytes.text(h.value());
    }

    private static void number(ObjectNode o, String field, String text) {
        try {
            o.put(field, text == null ? null : Long.valueOf(text));
        } catch (NumberFormatException e) {
            o.put(field, text);   // shown as it is, not dropped
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
