package io.tickcast.records;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Parses and validates tick JSON from untrusted bytes; never throws on bad input. */
public final class TickParser {

    private TickParser() {
    }

    public static ParsedTick parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, "empty value");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        JsonNode symbol = node.get("symbol");
        if (symbol == null || !symbol.isTextual() || symbol.asText().isBlank()) {
            return ParsedTick.invalid(RejectReason.MISSING_SYMBOL, "symbol is missing or blank");
        }
        JsonNode dateNode = node.get("date");
        LocalDate date;
        try {
            if (dateNode == null || !dateNode.isTextual()) {
                return ParsedTick.invalid(RejectReason.BAD_DATE, "date is missing or not a string");
            }
            date = LocalDate.parse(dateNode.asText());
        } catch (DateTimeParseException e) {
            return ParsedTick.invalid(RejectReason.BAD_DATE, "date is not an ISO date (yyyy-MM-dd): " + dateNode.asText());
        }
        JsonNode close = node.get("close");
        if (close == null || !close.isNumber() || !Double.isFinite(close.asDouble()) || close.asDouble() <= 0) {
            return ParsedTick.invalid(RejectReason.BAD_CLOSE, "close must be a finite number > 0, was " + close);
        }
        return ParsedTick.valid(new Tick(symbol.asText().trim(), date, close.asDouble(),
                optionalDouble(node, "open"), optionalDouble(node, "high"), optionalDouble(node, "low"),
                node.hasNonNull("volume") && node.get("volume").canConvertToLong() ? node.get("volume").asLong() : null));
    }

    private static Double optionalDouble(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
