package io.tickcast.cli;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.records.Json;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.Tick;
import io.tickcast.records.TickParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Ticks, read by the stream's own parser: a valid tick as its fields (JSON: the tick, which {@code produce -} takes
 * back), one the stream would dead-letter with the reason it would give.
 */
final class TickView implements RecordView {

    private static final String ROW = "%-12s %-10s %12s %12s %12s %12s %12s";

    @Override
    public String header() {
        return String.format(Locale.ROOT, ROW, "symbol", "date", "close", "open", "high", "low", "volume").stripTrailing();
    }

    @Override
    public String row(ConsumerRecord<byte[], byte[]> record) {
        ParsedTick parsed = TickParser.parse(record.value());
        if (!parsed.isValid()) {
            return "invalid: " + parsed.reason().code() + ": " + parsed.detail() + ": " + RecordBytes.shown(record.value(), 80);
        }
        Tick t = parsed.tick();
        return String.format(Locale.ROOT, ROW, t.symbol(), t.date(), price(t.close()), price(t.open()), price(t.high()),
                price(t.low()), t.volume() == null ? "-" : t.volume().toString()).stripTrailing();
    }

    @Override
    public JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        ParsedTick parsed = TickParser.parse(record.value());
        if (parsed.isValid()) {
            return Json.MAPPER.valueToTree(parsed.tick());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode invalid = o.putObject("invalid");
        invalid.put("reason", parsed.reason().code());
        invalid.put("detail", parsed.detail());
        o.set("value", RecordBytes.json(record.value()));
        return o;
    }

    private static String price(Double p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.2f", p);
    }
}
