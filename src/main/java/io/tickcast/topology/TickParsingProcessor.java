package io.tickcast.topology;

import java.nio.charset.StandardCharsets;

import io.tickcast.records.TickParser;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses raw tick bytes and stamps each record with the topic, partition and offset it came from, so a
 * dead letter names its source even after the repartition by symbol.
 */
final class TickParsingProcessor implements FixedKeyProcessor<byte[], byte[], ParsedEnvelope> {

    private FixedKeyProcessorContext<byte[], ParsedEnvelope> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], ParsedEnvelope> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(meta -> stampSource(headers, meta));
        context.forward(record.withHeaders(headers)
                .withValue(new ParsedEnvelope(record.value(), TickParser.parse(record.value()))));
    }

    private static void stampSource(Headers headers, RecordMetadata meta) {
        headers.remove(DeadLetter.HEADER_SOURCE_TOPIC).remove(DeadLetter.HEADER_SOURCE_PARTITION)
                .remove(DeadLetter.HEADER_SOURCE_OFFSET);
        headers.add(DeadLetter.HEADER_SOURCE_TOPIC, meta.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_SOURCE_PARTITION, Integer.toString(meta.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.HEADER_SOURCE_OFFSET, Long.toString(meta.offset()).getBytes(StandardCharsets.UTF_8));
    }
}
