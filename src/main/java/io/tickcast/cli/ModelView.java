package io.tickcast.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.evidence.ValidationEvidence;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.records.Json;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Registry records, every one as it was written (not only the newest per version, as {@code models list} shows):
 * version, who promoted it, kind, the data it was trained through, the gate's evidence and a summary of its
 * per-symbol evidence; the model's bytes only by their size. A deleted version (tombstone) and a record instances
 * reject are shown as such.
 */
final class ModelView implements RecordView {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-8s %-10s %-6s %-19s %-10s %-7s %-6s %-8s %-7s %-7s %s";

    @Override
    public String header() {
        return String.format(Locale.ROOT, ROW, "version", "by", "kind", "created (UTC)", "trained to", "ratio", "DM",
                "p", "windows", "bytes", "symbol evidence (validation)");
    }

    @Override
    public String row(ConsumerRecord<byte[], byte[]> record) {
        ModelRecord r;
        try {
            r = ModelRecordCodec.decode(record.value());
        } catch (ModelRecordCodec.InvalidRecordException e) {
            return String.format(Locale.ROOT, "%-8s %s", keyText(record), "tombstone".equals(e.reason())
                    ? "deleted (tombstone)" : "rejected: " + e.reason() + ": " + e.getMessage());
        }
        Evidence v = r.validation();
        DieboldMariano t = v == null ? null : v.vsNaive();
        return String.format(Locale.ROOT, ROW, "v" + r.version(), r.promotedBy(), r.kind(), CREATED.format(r.createdAt()),
                r.data() == null ? "-" : r.data().to().toString(),
                v == null ? "-" : String.format(Locale.ROOT, "%.4f", v.ratioToNaive()),
                t == null ? "-" : String.format(Locale.ROOT, "%.2f", t.statistic()),
                t == null ? "-" : String.format(Locale.ROOT, "%.2g", t.pValue()),
                v == null ? "-" : Integer.toString(v.windows()),
                r.model() == null ? "0" : Integer.toString(r.model().length),
                evidenceSummary(r.symbolEvidence())).stripTrailing();
    }

    /** E.g. {@code 8 symbols, promotion e-value max 34.1 (DAX)}; {@code -} without any. */
    static String evidenceSummary(Map<String, ValidationEvidence> evidence) {
        if (evidence.isEmpty()) {
            return "-";
        }
        Map.Entry<String, ValidationEvidence> best = evidence.entrySet().stream()
                .max(Comparator.comparingDouble((Map.Entry<String, ValidationEvidence> e) -> e.getValue().forPromotion().logEValue())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow();
        return String.format(Locale.ROOT, "%d symbol%s, promotion e-value max %.3g (%s)", evidence.size(),
                evidence.size() == 1 ? "" : "s", best.getValue().forPromotion().eValue(), best.getKey());
    }

    @Override
    public JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        ModelRecord r;
        try {
            r = ModelRecordCodec.decode(record.value());
        } catch (ModelRecordCodec.InvalidRecordException e) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("key", RecordBytes.json(record.key()));
            o.put("rejected", e.reason());
            o.put("detail", e.getMessage());
            return o;
        }
        ObjectNode o = Json.MAPPER.valueToTree(r);
        o.remove("model");
        o.put("modelBytes", r.model() == null ? 0 : r.model().length);
        o.put("trainedThrough", r.data() == null ? null : r.data().to().toString());
        ObjectNode symbols = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(r.symbolEvidence()).forEach((symbol, e) -> {
            ObjectNode s = symbols.putObject(symbol);
            s.put("first", e.first().toString());
            s.put("last", e.last().toString());
            s.put("windows", e.windows());
            s.put("promotionEValue", e.forPromotion().eValue());
            s.put("demotionEValue", e.forDemotion().eValue());
        });
        o.set("symbolEvidence", symbols);
        return o;
    }

    private static String keyText(ConsumerRecord<byte[], byte[]> record) {
        String key = RecordBytes.text(record.key());
        return key == null ? "-" : key;
    }
}
