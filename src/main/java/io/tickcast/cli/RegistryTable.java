package io.tickcast.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tickcast.config.TickcastConfig;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.RegistryState;

/**
 * {@code models list}'s table: one line per registry key (the newest record under it; deleted versions are gone),
 * oldest first, with the gate's evidence (RMSE ratio to naive, Diebold-Mariano statistic and one-sided p-value,
 * validation windows, the coverage of its prediction intervals in the gate's check) and its status: the record instances serve, a demoted version, or why instances reject it.
 */
final class RegistryTable {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-7s %-8s %-9s %-6s %-19s %-7s %-7s %-8s %-7s %-13s %-23s %s%n";

    private RegistryTable() {
    }

    static String render(RegistryState registry, TickcastConfig config) {
        List<RegistryState.Entry> entries = registry.entries();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "offset", "version", "by", "kind", "created (UTC)", "ratio", "DM",
                "p", "windows", "coverage", "data", "status"));
        Set<Long> demoted = registry.demoted();
        long serving = servingOffset(entries, config);
        for (RegistryState.Entry e : entries) {
            ModelRecord r = e.record();
            if (r == null) {
                out.append(String.format(Locale.ROOT, "%-7d %-8s rejected: %s: %s%n", e.offset(), e.key(), e.reason(),
                        e.error()));
                continue;
            }
            String problem = problem(r, config);
            Evidence v = r.validation();
            DieboldMariano t = v == null ? null : v.vsNaive();
            String status = problem != null ? "rejected: " + problem
                    : e.offset() == serving ? "serving" : demoted.contains(r.version()) ? "demoted" : "";
            if (r.demotion() != null) {
                status += (status.isEmpty() ? "" : "; ") + "after v" + r.demotion().demotedVersion() + " was demoted: "
                        + io.tickcast.registry.ServingTerms.describe(r.demotion());
            }
            out.append(String.format(Locale.ROOT, ROW, e.offset(), r.version(), r.promotedBy(), r.kind(),
                    CREATED.format(r.createdAt()),
                    v == null ? "-" : String.format(Locale.ROOT, "%.4f", v.ratioToNaive()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", t.statistic()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2g", t.pValue()),
                    v == null ? "-" : Integer.toString(v.windows()),
                    coverage(r),
                    r.data() == null ? "-" : r.data().from() + ".." + r.data().to(),
                    status).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * The gate's interval coverage check: coverage per level on the newer half of the validation windows, e.g.
     * {@code 79.1/94.8}, with {@code !} when it failed; {@code -} without one.
     */
    private static String coverage(ModelRecord r) {
        if (r.calibration() == null || r.calibration().check() == null || r.calibration().check().levels().isEmpty()) {
            return "-";
        }
        var check = r.calibration().check();
        return check.levels().stream().map(l -> String.format(Locale.ROOT, "%.1f", 100 * l.coverage()))
                .collect(java.util.stream.Collectors.joining("/")) + (check.passed() ? "" : "!");
    }

    /** Offset of the record instances serve: the last one they would accept (-1 if none). */
    private static long servingOffset(List<RegistryState.Entry> entries, TickcastConfig config) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            RegistryState.Entry e = entries.get(i);
            if (e.record() != null && problem(e.record(), config) == null) {
                return e.offset();
            }
        }
        return -1;
    }

    /** Why instances would refuse this record's model, or null. */
    private static String problem(ModelRecord r, TickcastConfig config) {
        if (r.isNaive()) {
            return null;
        }
        try {
            ModelRecordCodec.loadModel(r, config.lstm(), config.windowSize()).close();
            return null;
        } catch (ModelRecordCodec.InvalidRecordException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }
}
