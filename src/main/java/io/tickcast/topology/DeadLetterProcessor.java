package io.tickcast.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Turns a {@link DeadLetter} into the dead-letter record: original bytes, reason and detail in headers. */
final class DeadLetterProcessor<K> implements FixedKeyProcessor<K, DeadLetter, byte[]> {

    private final StreamEvents events;
    private FixedKeyProcessorContext<K, byte[]> context;

    DeadLetterProcessor(StreamEvents events) {
        this.events = events;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, DeadLetter> record) {
        DeadLetter letter = record.value();
        Headers headers = new RecordHeaders(record.headers().toArray());
        letter.addHeadersTo(headers);
        events.tickRejected(letter.reason());
        context.forward(record.withHeaders(headers).withValue(letter.original()));
    }
}
