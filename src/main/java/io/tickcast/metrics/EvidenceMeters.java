package io.tickcast.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;

/**
 * The per-symbol evidence and the challenger, seen from outside (every series registered at start):
 * <ul>
 *   <li>{@code tickcast_evidence_decisions_total{decision="promoted|demoted", reason="live|validation"}}: symbols
 *       promoted to the LSTM or demoted to naive, by what tipped the evidence (a live score, or a new model's
 *       validation evidence)</li>
 *   <li>{@code tickcast_evidence_lstm_symbols}: symbols whose newest evidence on this instance says the LSTM serves</li>
 *   <li>{@code tickcast_evidence_e_value}: a histogram of the deciding e-value of a symbol at each update (it
 *       promotes or demotes at {@code 1/alpha}, 20 by default; 1 is no evidence either way)</li>
 *   <li>{@code tickcast_challenger_squared_error_total} and {@code tickcast_challenger_naive_squared_error_total}:
 *       sums of the challenger's and naive's squared errors over scored forecasts that carry a challenger's
 *       forecast, served or not: their ratio's square root is the challenger's live RMSE ratio to naive, pooled</li>
 * </ul>
 */
public final class EvidenceMeters {

    /** The {@code reason} of a decision a live score tipped. */
    public static final String REASON_LIVE = "live";
    /** The {@code reason} of a decision a new model's validation evidence tipped. */
    public static final String REASON_VALIDATION = "validation";

    static final double[] E_VALUE_BUCKETS = {0.001, 0.01, 0.1, 0.3, 1, 3, 10, 20, 100, 1000, 100_000};

    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lstmServes = new ConcurrentHashMap<>();
    private final DistributionSummary eValue;
    private final Counter challengerSquaredError;
    private final Counter naiveSquaredError;

    public EvidenceMeters(MeterRegistry registry) {
        for (SymbolEvidence.Decision d : new SymbolEvidence.Decision[] {SymbolEvidence.Decision.PROMOTED,
            SymbolEvidence.Decision.DEMOTED}) {
            for (String reason : new String[] {REASON_LIVE, REASON_VALIDATION}) {
                decisions.put(key(d, reason), Counter.builder(MeterNames.EVIDENCE_DECISIONS)
                        .description("Symbols promoted to the LSTM or demoted to naive by their evidence, by what tipped it")
                        .tag(MeterNames.TAG_DECISION, label(d))
                        .tag(MeterNames.TAG_REASON, reason)
                        .register(registry));
            }
        }
        Gauge.builder(MeterNames.EVIDENCE_LSTM_SYMBOLS, lstmServes, m -> m.values().stream().filter(b -> b).count())
                .description("Symbols whose newest evidence on this instance says the LSTM serves them")
                .register(registry);
        this.eValue = DistributionSummary.builder(MeterNames.EVIDENCE_E_VALUE)
                .description("The deciding e-value of a symbol at each evidence update (1/alpha promotes or demotes)")
                .serviceLevelObjectives(E_VALUE_BUCKETS)
                .register(registry);
        this.challengerSquaredError = Counter.builder(MeterNames.CHALLENGER_SQUARED_ERROR)
                .description("Sum of the challenger's squared errors over scored forecasts that carry its forecast")
                .register(registry);
        this.naiveSquaredError = Counter.builder(MeterNames.CHALLENGER_NAIVE_SQUARED_ERROR)
                .description("Sum of naive's squared errors over the same forecasts")
                .register(registry);
    }

    /** A symbol's evidence moved ({@code fromValidation}: a model's validation evidence joined it). */
    public void evidenceUpdated(String symbol, SymbolEvidence.Decision decision, SymbolEvidence evidence,
                                boolean fromValidation) {
        if (decision != SymbolEvidence.Decision.NONE) {
            decisions.get(key(decision, fromValidation ? REASON_VALIDATION : REASON_LIVE)).increment();
        }
        lstmServes.put(symbol, evidence.serving() == SymbolEvidence.Serving.LSTM);
        double e = evidence.evidence();
        if (Double.isFinite(e)) {
            eValue.record(e);
        }
    }

    /** A forecast met its actual close: the challenger's error next to naive's, where it forecast. */
    public void forecastScored(ScoredForecast scored) {
        Forecast.ChallengerForecast c = scored.forecast().challenger();
        if (c == null) {
            return;
        }
        double e = c.forecastClose() - scored.actual();
        challengerSquaredError.increment(e * e);
        naiveSquaredError.increment(scored.naiveSquaredError());
    }

    private static String key(SymbolEvidence.Decision d, String reason) {
        return d + "/" + reason;
    }

    private static String label(SymbolEvidence.Decision d) {
        return d.name().toLowerCase(java.util.Locale.ROOT);
    }
}
