package io.tickcast.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.records.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * {@code consume}'s lines: a {@link RecordView} in a {@link ConsoleFormat}, optionally with each record's metadata
 * (partition, offset, timestamp, key, headers): in a table as leading columns and trailing headers, in JSON as an
 * envelope whose {@code value} is the view's JSON.
 */
final class RecordPrinter {

    private static final String METADATA = "%-9s %-8s %-24s %-14s ";
    private static final int KEY_CHARS = 14;

    private final RecordView view;
    private final ConsoleFormat format;
    private final boolean metadata;

    RecordPrinter(RecordView view, ConsoleFormat format, boolean metadata) {
        this.view = view;
        this.format = format;
        this.metadata = metadata;
    }

    /** The table's header line; null in JSON, which has none. */
    String header() {
        if (format == ConsoleFormat.JSON) {
            return null;
        }
        return metadata ? String.format(Locale.ROOT, METADATA, "partition", "offset", "timestamp (UTC)", "key") + view.header()
                + "  headers" : view.header();
    }

    String line(ConsumerRecord<byte[], byte[]> record) {
        if (format == ConsoleFormat.JSON) {
            return write(metadata ? envelope(record) : view.json(record));
        }
        if (!metadata) {
            return view.row(record);
        }
        String headers = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> h.key() + "=" + RecordBytes.shown(h.value(), 60)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, METADATA, record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                RecordBytes.shown(record.key(), KEY_CHARS)) + view.row(record) + (headers.isEmpty() ? "" : "  " + headers);
    }

    private ObjectNode envelope(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("topic", record.topic());
        o.put("partition", record.partition());
        o.put("offset", record.offset());
        o.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        o.put("timestampType", record.timestampType().name);
        o.set("key", RecordBytes.json(record.key()));
        ArrayNode headers = o.putArray("headers");
        for (Header h : record.headers()) {
            headers.addObject().put("key", h.key()).set("value", RecordBytes.json(h.value()));
        }
        o.set("value", view.json(record));
        return o;
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
