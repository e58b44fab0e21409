package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.evidence.ValidationEvidence;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.records.Json;
import io.tickcast.records.ModelKind;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.PromotedBy;
import io.tickcast.topology.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What consume prints for each kind of topic, from records built here (no broker). */
class RecordViewsTest {

    private static final long TIMESTAMP = Instant.parse("2026-01-02T03:04:05.006Z").toEpochMilli();

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("topic", 1, 42, TIMESTAMP, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : bytes(key), value, headers, Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RecordHeaders deadLetterHeaders() {
        RecordHeaders h = new RecordHeaders();
        h.add("trace", bytes("abc"));
        h.add(DeadLetter.HEADER_REASON, bytes("bad-close"));
        h.add(DeadLetter.HEADER_DETAIL, bytes("close must be a finite number > 0, was 0"));
        h.add(DeadLetter.HEADER_SOURCE_TOPIC, bytes("ticks"));
        h.add(DeadLetter.HEADER_SOURCE_PARTITION, bytes("3"));
        h.add(DeadLetter.HEADER_SOURCE_OFFSET, bytes("1234"));
        return h;
    }

    @Test
    void aDeadLetterShowsItsReasonItsSourceAndTheOriginalBytes() throws Exception {
        ConsumerRecord<byte[], byte[]> r = record("AAA", bytes("{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":0}"),
                deadLetterHeaders());
        DeadLetterView view = new DeadLetterView();
        assertThat(view.row(r)).startsWith("bad-close").contains("ticks-3@1234", "close must be a finite number > 0, was 0",
                "{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":0}");
        JsonNode json = view.json(r);
        assertThat(json.get("reason").asText()).isEqualTo("bad-close");
        assertThat(json.get("detail").asText()).isEqualTo("close must be a finite number > 0, was 0");
        assertThat(json.at("/source/topic").asText()).isEqualTo("ticks");
        assertThat(json.at("/source/partition").isInt() || json.at("/source/partition").isLong()).isTrue();
        assertThat(json.at("/source/offset").asLong()).isEqualTo(1234);
        assertThat(json.get("value").asText()).isEqualTo("{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":0}");
    }

    @Test
    void aDeadLetterWhoseBytesAreNotTextKeepsThemAsBase64() {
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
        JsonNode json = new DeadLetterView().json(record(null, notUtf8, new RecordHeaders()));
        assertThat(json.at("/value/base64").asText()).isEqualTo("wyg=");
        assertThat(json.get("reason").isNull()).isTrue();
        assertThat(new DeadLetterView().row(record(null, notUtf8, new RecordHeaders()))).startsWith("-").contains("base64:wyg=");
    }

    @Test
    void ticksAreReadByTheStreamsParserAndAnInvalidOneSaysWhy() throws Exception {
        TickView view = new TickView();
        ConsumerRecord<byte[], byte[]> valid = record("DAX", bytes("{\"close\":1628.75,\"symbol\":\"DAX\",\"date\":\"1991-07-01\"}"), new RecordHeaders());
        assertThat(view.row(valid)).matches("DAX +1991-07-01 +1628\\.75 +- +- +- +-");
        assertThat(Json.MAPPER.writeValueAsString(view.json(valid))).isEqualTo("{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1628.75}");

        ConsumerRecord<byte[], byte[]> invalid = record("DAX", bytes("{\"symbol\":\"DAX\",\"date\":\"1991-07-01\"}"), new RecordHeaders());
        assertThat(view.row(invalid)).startsWith("invalid: bad-close: close must be a finite number > 0, was missing");
        assertThat(view.json(invalid).at("/invalid/reason").asText()).isEqualTo("bad-close");
    }

    @Test
    void aModelRecordShowsVersionEvidenceAndTrainedThroughButNotItsWeights() throws Exception {
        Evidence gate = new Evidence(400, LocalDate.of(2019, 6, 30), 0.009, 0.01, Double.NaN,
                new DieboldMariano(400, 200, 4, 1e-5, -2.5, 0.006), null, 0.05, 0.0, true);
        List<SymbolEvidence.DatedScore> scores = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            scores.add(new SymbolEvidence.DatedScore(LocalDate.of(2019, 7, 1).plusDays(i), 0.8));
        }
        ValidationEvidence strong = ValidationEvidence.of(scores, EvidenceSettings.DEFAULT);
        ValidationEvidence weak = ValidationEvidence.of(scores.subList(0, 2), EvidenceSettings.DEFAULT);
        byte[] weights = new byte[4800];
        ModelRecord record = new ModelRecord(ModelRecord.FORMAT_VERSION, 7, Instant.parse("2026-01-01T00:00:00Z"),
                PromotedBy.CHALLENGER, ModelKind.LSTM, new ModelRecord.Architecture(5, 2, 8), null,
                new ModelRecord.DataRange(2, 5000, LocalDate.of(2010, 1, 4), LocalDate.of(2019, 8, 29)), gate, null,
                List.of(3L), weights, null, Map.of("DAX", strong, "SMI", weak));
        ConsumerRecord<byte[], byte[]> r = record(ModelRecord.key(7), ModelRecordCodec.encode(record), new RecordHeaders());
        ModelView view = new ModelView();

        assertThat(view.row(r)).startsWith("v7").contains("challenger", "lstm", "2026-01-01 00:00:00", "2019-08-29", "0.9000",
                "-2.50", "400", "4800", "2 symbols, promotion e-value max").contains("(DAX)");
        JsonNode json = view.json(r);
        assertThat(json.get("version").asLong()).isEqualTo(7);
        assertThat(json.get("promotedBy").asText()).isEqualTo("challenger");
        assertThat(json.get("trainedThrough").asText()).isEqualTo("2019-08-29");
        assertThat(json.get("modelBytes").asInt()).isEqualTo(4800);
        assertThat(json.has("model")).isFalse();
        assertThat(json.at("/validation/passed").asBoolean()).isTrue();
        assertThat(json.at("/symbolEvidence/DAX/windows").asLong()).isEqualTo(60);
        assertThat(json.at("/symbolEvidence/DAX/promotionEValue").asDouble()).isEqualTo(strong.forPromotion().eValue());
        assertThat(json.at("/symbolEvidence/DAX/promotionEValue").asDouble())
                .isGreaterThan(json.at("/symbolEvidence/SMI/promotionEValue").asDouble());
        assertThat(json.at("/symbolEvidence/SMI/last").asText()).isEqualTo("2019-07-02");
        assertThat(Json.MAPPER.writeValueAsString(json)).doesNotContain("AAAAAAAA");   // no base64 weights anywhere
    }

    @Test
    void aDeletedOrUnreadableModelRecordSaysSo() {
        ModelView view = new ModelView();
        assertThat(view.row(record("v000000000002", null, new RecordHeaders()))).isEqualTo("v000000000002 deleted (tombstone)");
        ConsumerRecord<byte[], byte[]> garbage = record("v000000000003", bytes("garbage"), new RecordHeaders());
        assertThat(view.row(garbage)).startsWith("v000000000003 rejected: malformed: not a model record");
        assertThat(view.json(garbage).get("rejected").asText()).isEqualTo("malformed");
    }

    @Test
    void aForecastTopicRecordThatIsNoForecastIsShownNotFatal() {
        ForecastView view = new ForecastView();
        assertThat(view.row(record("AAA", bytes("[1,2]"), new RecordHeaders()))).startsWith("not a forecast (").endsWith("[1,2]");
        assertThat(view.json(record("AAA", null, new RecordHeaders())).get("notAForecast").asText()).isEqualTo("a null value");
    }

    @Test
    void metadataIsLeadingColumnsInATableAndAnEnvelopeInJson() throws Exception {
        ConsumerRecord<byte[], byte[]> r = record("AAA", bytes("{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":0}"),
                deadLetterHeaders());
        RecordPrinter table = new RecordPrinter(new DeadLetterView(), ConsoleFormat.TABLE, true);
        assertThat(table.header()).startsWith("partition offset").contains("timestamp (UTC)", "key", "reason").endsWith("headers");
        assertThat(table.line(r)).matches("1 +42 +2026-01-02T03:04:05\\.006Z +AAA +bad-close .*")
                .contains("  trace=abc, tickcast.dlq.reason=bad-close");

        RecordPrinter json = new RecordPrinter(new DeadLetterView(), ConsoleFormat.JSON, true);
        assertThat(json.header()).isNull();
        JsonNode line = Json.MAPPER.readTree(json.line(r));
        assertThat(line.get("topic").asText()).isEqualTo("topic");
        assertThat(line.get("partition").asInt()).isEqualTo(1);
        assertThat(line.get("offset").asLong()).isEqualTo(42);
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.006Z");
        assertThat(line.get("key").asText()).isEqualTo("AAA");
        assertThat(line.at("/headers/0/key").asText()).isEqualTo("trace");
        assertThat(line.at("/headers/0/value").asText()).isEqualTo("abc");
        assertThat(line.at("/value/reason").asText()).isEqualTo("bad-close");

        assertThat(new RecordPrinter(new DeadLetterView(), ConsoleFormat.JSON, false).line(r)).startsWith("{\"reason\":\"bad-close\"");
    }
}
