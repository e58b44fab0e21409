package io.tickcast.topology;

import java.util.List;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.records.DetailText;
import io.tickcast.records.RejectReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' {@code processing.exception.handler}: a tick whose processing throws goes to the dead-letter topic
 * with reason {@code processing-error}, and the stream goes on with the next record. Without it the stream thread
 * would die on the tick, and its replacement would read the same tick and die again, for ever.
 *
 * <p>The dead letter is written by Kafka Streams itself (a dead-letter record of the handler's response, in the
 * same transaction as the rest of the tick's output) and looks like every other dead letter: the tick's original
 * bytes (the bytes its sub-topology read: after the repartition by symbol these are still the tick's own) and key,
 * the reason, a detail naming the exception, the processor and the exception's message, and the topic, partition
 * and offset the tick was read from.
 *
 * <p>A {@link StreamsException} is not a poison tick but Kafka Streams failing (a state store that cannot be written,
 * an earlier send that failed): dead-lettering would drain good ticks into the dead-letter topic for as long as it
 * lasts. It fails the stream thread instead, which the service's thread-failure budget handles.
 *
 * <p>Kafka Streams creates the handler by reflection; {@link #settings} is the configuration that makes it do so.
 */
public final class PoisonRecordHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);
    private static final String DEAD_LETTER_TOPIC = "tickcast.poison.dead-letter-topic";
    private static final String TICKS_TOPIC = "tickcast.poison.ticks-topic";
    private static final String EVENTS = "tickcast.poison.events";
    /** Longest exception message quoted in the detail. */
    static final int MAX_MESSAGE_CHARS = 200;

    private String deadLetterTopic;
    private String ticksTopic;
    private StreamEvents events;

    /** The Kafka Streams settings that install this handler, dead-lettering to {@code topics.deadLetter()}. */
    public static Map<String, Object> settings(TickcastConfig.Topics topics, StreamEvents events) {
        return Map.of(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class,
                // the handler for global stores too (tickcast has none). Kafka Streams 4.4 warns (once per config it
                // builds) unless this is true; one of those configs it builds from the main consumer's settings (for the
                // partition assignor, when a stream thread starts), so the consumer gets it too. The consumer ignores it.
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true,
                DEAD_LETTER_TOPIC, topics.deadLetter(),
                TICKS_TOPIC, topics.ticks(),
                EVENTS, events);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = (String) configs.get(DEAD_LETTER_TOPIC);
        ticksTopic = (String) configs.get(TICKS_TOPIC);
        events = (StreamEvents) configs.get(EVENTS);
        if (deadLetterTopic == null || ticksTopic == null || events == null) {
            throw new IllegalArgumentException("configure " + PoisonRecordHandler.class.getSimpleName() + " with its settings()");
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        if (exception instanceof StreamsException) {
            LOG.error("processor '{}' failed on the record at {}, in Kafka Streams rather than in the record: "
                    + "failing the stream thread", context.processorNodeId(), where, exception);
            return Response.fail();
        }
        DeadLetter letter = new DeadLetter(originalBytes(context, record), RejectReason.PROCESSING_ERROR, detail(context, exception));
        LOG.warn("processor '{}' threw on the record at {}; it goes to {} as {} and the stream goes on",
                context.processorNodeId(), where, deadLetterTopic, letter.reason().code(), exception);
        events.tickRejected(letter.reason());
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, timestamp,
                context.sourceRawKey(), letter.original(), headers(context, letter))));
    }

    /**
     * The bytes the sub-topology read. Kafka Streams frees them once the record has been sent somewhere; a failure
     * after that (none of tickcast's processors sends and then fails) falls back to the failing record's own value.
     */
    private static byte[] originalBytes(ErrorHandlerContext context, Record<?, ?> record) {
        if (context.sourceRawValue() != null) {
            return context.sourceRawValue();
        }
        return record.value() instanceof byte[] bytes ? bytes : new byte[0];
    }

    private static String detail(ErrorHandlerContext context, Exception exception) {
        return detail(context.processorNodeId(), exception);
    }

    /** The dead letter's detail for a tick whose processing threw: the exception, the processor, the message's first line. */
    static String detail(String processor, Exception exception) {
        String message = exception.getMessage() == null ? "(no message)" : exception.getMessage().lines().findFirst().orElse("");
        return exception.getClass().getName() + " in processor '" + processor + "': "
                + DetailText.shortened(message, MAX_MESSAGE_CHARS);
    }

    /**
     * The record's headers with the dead letter's. A record of the ticks topic is stamped with where it was read
     * (whatever source headers a producer gave it); after the repartition, the stamp the parse step made names the
     * tick (the failing record itself was read from the repartition topic).
     */
    private Headers headers(ErrorHandlerContext context, DeadLetter letter) {
        Headers headers = context.headers() == null ? new RecordHeaders() : new RecordHeaders(context.headers().toArray());
        boolean stampedUpstream = !ticksTopic.equals(context.topic()) && headers.lastHeader(DeadLetter.HEADER_SOURCE_TOPIC) != null;
        if (!stampedUpstream) {
            DeadLetter.stampSource(headers, context.topic(), context.partition(), context.offset());
        }
        letter.addHeadersTo(headers);
        return headers;
    }
}
