package io.tickcast.records;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses and validates tick JSON from untrusted bytes; never throws on bad input. The rules and limits are
 * "Tick validity" in docs/topics-and-records.md ({@link TickLimits}, {@link TickFields}); a tick breaking several gets the reason
 * of the first, in {@link RejectReason}'s order.
 */
public final class TickParser {

    private TickParser() {
    }

    public static ParsedTick parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, "empty value");
        }
        if (bytes.length > TickLimits.MAX_BYTES) {
            return ParsedTick.invalid(RejectReason.TOO_LARGE,
                    "value has " + bytes.length + " bytes, more than the limit of " + TickLimits.MAX_BYTES);
        }
        JsonNode node;
        try {
            node = StrictJson.read(bytes);
        } catch (CharacterCodingException e) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, "not UTF-8");
        } catch (IOException e) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (!node.isObject()) {
            return ParsedTick.invalid(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        try {
            return ParsedTick.valid(TickFields.read(node));
        } catch (TickFields.Rejected r) {
            return ParsedTick.invalid(r.reason(), r.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable JSON";
        }
        int nl = message.indexOf('\n');
        return DetailText.readable(nl < 0 ? message : message.substring(0, nl));
    }
}
