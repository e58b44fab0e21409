package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.records.RejectReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The handler's cases the topology cannot reach with a real tick: a failure on the ticks topic itself (before the
 * parse step stamped the source), raw bytes Kafka Streams no longer holds, a message to shorten, a setup without
 * the settings. ForecastTopologyTest covers the handler in the running topology.
 */
class PoisonRecordHandlerTest {

    private static final TickcastConfig.Topics TOPICS = TickcastConfig.defaults().topics();

    private final RecordingStreamEvents events = new RecordingStreamEvents();

    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
                           long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }
    }

    private PoisonRecordHandler handler() {
        PoisonRecordHandler handler = new PoisonRecordHandler();
        handler.configure(PoisonRecordHandler.settings(TOPICS, events));
        return handler;
    }

    @Test
    void aFailureOnTheTicksTopicNamesWhereTheTickWasReadNotWhatItsHeadersClaim() {
        Headers claimed = new RecordHeaders().add(DeadLetter.HEADER_SOURCE_TOPIC, utf8("elsewhere"))
                .add(DeadLetter.HEADER_SOURCE_OFFSET, utf8("1"));
        Context context = new Context("ticks", 2, 41, claimed, "parse", 1_700_000_000_000L, utf8("k"), utf8("{tick}"));
        ProcessingExceptionHandler.Response response = handler().handleError(context,
                new Record<>(utf8("k"), utf8("{tick}"), 0L), new IllegalArgumentException("x".repeat(500)));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("ticks-dlq");
        assertThat(dead.key()).isEqualTo(utf8("k"));
        assertThat(dead.value()).isEqualTo(utf8("{tick}"));
        assertThat(dead.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("ticks");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("41");
        assertThat(dead.headers().headers(DeadLetter.HEADER_SOURCE_TOPIC)).hasSize(1);
        assertThat(header(dead, DeadLetter.HEADER_REASON)).isEqualTo("processing-error");
        assertThat(header(dead, DeadLetter.HEADER_DETAIL))
                .startsWith("java.lang.IllegalArgumentException in processor 'parse': " + "x".repeat(PoisonRecordHandler.MAX_MESSAGE_CHARS) + "...")
                .endsWith("(500 characters)");
        assertThat(events.rejected).containsExactly(RejectReason.PROCESSING_ERROR);
    }

    @Test
    void withoutTheRawBytesTheFailingRecordsBytesAreDeadLettered() {
        Headers stamped = new RecordHeaders();
        DeadLetter.stampSource(stamped, "ticks", 1, 7);
        Context context = new Context("app-ticks-by-symbol-repartition", 0, 3, stamped, "window", 5L, null, null);
        ProcessingExceptionHandler.Response response = handler().handleError(context,
                new Record<>("DAX", utf8("{tick}"), 5L), new NullPointerException());

        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.value()).isEqualTo(utf8("{tick}"));
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_TOPIC)).as("the parse step's stamp names the tick").isEqualTo("ticks");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("7");
        assertThat(header(dead, DeadLetter.HEADER_DETAIL)).isEqualTo("java.lang.NullPointerException in processor 'window': (no message)");
    }

    @Test
    void itRefusesToRunWithoutItsSettings() {
        assertThatThrownBy(() -> new PoisonRecordHandler().configure(Map.of())).hasMessageContaining("settings()");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
