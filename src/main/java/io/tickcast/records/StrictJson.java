package io.tickcast.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads one JSON value (RFC 8259) from untrusted bytes, strictly: the bytes must be UTF-8 (no other encoding
 * is guessed, no byte order mark), nothing but whitespace may follow the value, an object may not name a
 * field twice, and nesting and number length are bounded ({@link TickLimits}).
 */
final class StrictJson {

    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(TickLimits.MAX_NESTING_DEPTH)
                            .maxNumberLength(TickLimits.MAX_NUMBER_DIGITS)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private StrictJson() {
    }

    /**
     * @return the value; a {@code MissingNode} if there is none (only whitespace)
     * @throws CharacterCodingException if the bytes are not UTF-8
     * @throws IOException if they are not exactly one JSON value within the limits
     */
    static JsonNode read(byte[] bytes) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return READER.readTree(text);
    }
}
