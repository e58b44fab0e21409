package io.tickcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.records.Json;
import io.tickcast.records.ModelKind;
import org.junit.jupiter.api.Test;

/**
 * The record's reason ({@code promotedBy}) and kind are enums in Java and the same labels as ever in the JSON (a
 * contract): records of older builds read, and a label no build wrote makes the record malformed.
 */
class RecordLabelsTest {

    @Test
    void theJsonCarriesTheLabels() throws Exception {
        ObjectNode forced = json(TestRecords.forced(1));
        assertThat(forced.get("promotedBy").asText()).isEqualTo("forced");
        assertThat(forced.get("kind").asText()).isEqualTo("lstm");
        ObjectNode naive = (ObjectNode) Json.MAPPER.readTree(ModelRecordCodec.encode(
                ModelRecord.naive(2, TestRecords.AT, null)));
        assertThat(naive.get("promotedBy").asText()).isEqualTo("demotion");
        assertThat(naive.get("kind").asText()).isEqualTo("naive");
        assertThat(ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(naive)).isNaive()).isTrue();
    }

    @Test
    void everyLabelEverWrittenReads() throws Exception {
        String[] labels = {"gate", "challenger", "forced", "rollback", "demotion", "bootstrap"};
        for (String label : labels) {
            ObjectNode json = json(TestRecords.forced(3));
            json.put("promotedBy", label);
            ModelRecord r = ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(json));
            assertThat(r.promotedBy().label()).isEqualTo(label);
            assertThat(r.promotedBy()).isEqualTo(PromotedBy.of(label));
        }
        assertThat(PromotedBy.values()).hasSameSizeAs(labels);
    }

    @Test
    void aRecordWithoutAKindIsAnLstmRecordOfAnOlderBuild() throws Exception {
        ObjectNode missing = json(TestRecords.forced(4));
        missing.remove("kind");
        assertThat(ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(missing)).kind()).isEqualTo(ModelKind.LSTM);
        ObjectNode nul = json(TestRecords.forced(4));
        nul.putNull("kind");
        assertThat(ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(nul)).kind()).isEqualTo(ModelKind.LSTM);
    }

    @Test
    void anUnknownLabelMakesTheRecordMalformedUnlessItsFormatIsNewer() throws Exception {
        ObjectNode kind = json(TestRecords.forced(5));
        kind.put("kind", "arima");
        assertThatThrownBy(() -> ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(kind)))
                .isInstanceOf(ModelRecordCodec.InvalidRecordException.class)
                .hasMessage("unknown kind 'arima' (lstm or naive)")
                .extracting(e -> ((ModelRecordCodec.InvalidRecordException) e).reason()).isEqualTo("malformed");
        ObjectNode by = json(TestRecords.forced(5));
        by.put("promotedBy", "committee");
        assertThatThrownBy(() -> ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(by)))
                .hasMessageStartingWith("unknown promotedBy 'committee'")
                .extracting(e -> ((ModelRecordCodec.InvalidRecordException) e).reason()).isEqualTo("malformed");
        kind.put("formatVersion", ModelRecord.FORMAT_VERSION + 1);
        assertThatThrownBy(() -> ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(kind)))
                .extracting(e -> ((ModelRecordCodec.InvalidRecordException) e).reason()).isEqualTo("unsupported-format");
    }

    private static ObjectNode json(ModelRecord r) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(ModelRecordCodec.encode(r));
    }
}
