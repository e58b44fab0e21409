package io.tickcast.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickcast.evaluation.ForecastScoreboard;
import io.tickcast.evidence.SymbolEvidence;

/**
 * What a demo run ends with: per symbol its scores and evidence, the retrainings and the promotions and demotions on
 * the way. {@link #toJson()} is what {@code demo --json} prints (field names are a contract).
 */
public record DemoSummary(List<ForecastScoreboard.SymbolScore> scores, Map<String, SymbolEvidence> evidence,
                          List<DemoLoop.Retraining> retrainings, List<DemoLoop.Decision> decisions) {

    /**
     * {@code {"symbols": [{"symbol", "scored", "lstmServed", "ratio", "challengerForecasts", "challengerRatio",
     * "evidence", "coverage80", "coverage95", "serving", "promotions", "demotions"}], "retrainings": [...],
     * "decisions": [...]}}; a ratio without forecasts and a coverage level not configured are null.
     */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> symbols = new ArrayList<>();
        for (ForecastScoreboard.SymbolScore s : scores) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", s.symbol());
            row.put("scored", s.scored());
            row.put("lstmServed", s.lstmForecasts());
            row.put("ratio", finite(s.rmseRatio()));
            row.put("challengerForecasts", s.challenger().forecasts());
            row.put("challengerRatio", finite(s.challenger().rmseRatio()));
            SymbolEvidence e = evidence.get(s.symbol());
            row.put("evidence", e == null ? null : finite(e.evidence()));
            row.put("coverage80", coverage(s, 0.8));
            row.put("coverage95", coverage(s, 0.95));
            row.put("serving", e == null || e.serving() == SymbolEvidence.Serving.NAIVE ? "naive" : "lstm");
            row.put("promotions", e == null ? 0 : e.promotions());
            row.put("demotions", e == null ? 0 : e.demotions());
            symbols.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbols", symbols);
        out.put("retrainings", retrainings);
        out.put("decisions", decisions);
        return out;
    }

    private static Double coverage(ForecastScoreboard.SymbolScore s, double level) {
        return s.coverage().stream().filter(c -> Math.abs(c.level() - level) < 1e-9).findFirst()
                .map(c -> finite(c.share())).orElse(null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
