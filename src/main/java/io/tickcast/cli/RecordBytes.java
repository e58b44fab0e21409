package io.tickcast.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.records.DetailText;

/** A record's key, value or header bytes as a person or a JSON reader sees them: UTF-8 text, or base64 if not. */
final class RecordBytes {

    private RecordBytes() {
    }

    /** The bytes as UTF-8 text, or null if they are null or not UTF-8. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A JSON string of the text; <code>{"base64":...}</code> for bytes that are not UTF-8; JSON null for null. */
    static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        String text = text(bytes);
        if (text != null) {
            return JsonNodeFactory.instance.textNode(text);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("base64", Base64.getEncoder().encodeToString(bytes));
        return o;
    }

    /** For a table: at most {@code maxChars} of the text (control characters escaped), {@code base64:...}, or {@code null}. */
    static String shown(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return "null";
        }
        String text = text(bytes);
        return text != null ? DetailText.shortened(text, maxChars)
                : DetailText.shortened("base64:" + Base64.getEncoder().encodeToString(bytes), maxChars);
    }
}
