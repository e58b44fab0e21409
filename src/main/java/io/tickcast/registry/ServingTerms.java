package io.tickcast.registry;

import io.tickcast.evidence.ServingDecision;
import io.tickcast.serving.ChallengerTerms;

/** What a registry record serves, and why, in terms the stream installs and in one line for logs and tables. */
public final class ServingTerms {

    private ServingTerms() {
    }

    /**
     * Where a record's model serves: everywhere if an operator forced it, or under the pooled decision if it is not a
     * mere challenger (it passed the gate, or is a rollback or a demotion's fallback); otherwise where each symbol's
     * evidence promotes it, starting from the record's validation evidence.
     */
    public static ChallengerTerms terms(ModelRecord record, ServingDecision decision) {
        boolean everywhere = record.promotedBy() == PromotedBy.FORCED
                || decision == ServingDecision.POOLED && record.promotedBy() != PromotedBy.CHALLENGER;
        return new ChallengerTerms(everywhere, record.data() == null ? null : record.data().to(),
                record.symbolEvidence(), record.data() == null ? 1 : record.data().symbols());
    }

    /** One line about what a record serves and why. */
    public static String describe(ModelRecord r) {
        if (r.isNaive()) {
            return "the naive forecast (record v" + r.version() + ")";
        }
        String why = switch (r.promotedBy()) {
            case GATE -> "passed the gate: " + (r.validation() == null ? "no evidence recorded" : r.validation().summary());
            case FORCED -> "published with --force, not validated";
            case CHALLENGER -> "the challenger: sane on validation, serves where each symbol's evidence "
                    + "promotes it" + (r.validation() == null ? "" : ": " + r.validation().summary());
            case DEMOTION -> "fallback after v" + r.demotion().demotedVersion() + " was demoted";
            case ROLLBACK, BOOTSTRAP -> r.promotedBy().label();
        };
        return "model v" + r.version() + " (created " + r.createdAt() + ", " + why + ")";
    }

    /** The evidence of a demotion in one line. */
    public static String describe(ModelRecord.Demotion d) {
        if (d.days() > 0) {
            return String.format(java.util.Locale.ROOT, "live demotion evidence %.1f >= %.0f (1/alpha) over %d days; "
                    + "recent live RMSE ratio to naive %.4f", d.evidence(), 1 / d.level(), d.days(), d.ratioToNaive());
        }
        if (d.test() == null) {
            return String.format(java.util.Locale.ROOT, "live RMSE ratio to naive %.4f", d.ratioToNaive());
        }
        return String.format(java.util.Locale.ROOT, "live RMSE ratio to naive %.4f, DM %.2f (p=%.3g, level %.3g) over %d forecasts",
                d.ratioToNaive(), d.test().statistic(), d.test().pValue(), d.level(), d.test().windows());
    }
}
