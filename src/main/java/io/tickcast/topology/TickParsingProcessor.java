package io.tickcast.topology;

import io.tickcast.records.TickParser;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

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
        context.recordMetadata().ifPresent(meta -> DeadLetter.stampSource(headers, meta.topic(), meta.partition(), meta.offset()));
        context.forward(record.withHeaders(headers)
                .withValue(new ParsedEnvelope(record.value(), TickParser.parse(record.value()))));
    }
}
