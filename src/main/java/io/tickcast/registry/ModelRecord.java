package io.tickcast.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickcast.evidence.ValidationEvidence;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.lstm.LstmModel;
import io.tickcast.records.ModelKind;

/**
 * One entry of the model registry topic (record contract): what every stream instance should serve from now
 * on, with the evidence behind it. The record read last wins. The JSON value carries {@code model} as base64;
 * the record key is {@link #key(long)}.
 *
 * @param formatVersion layout of this record ({@link #FORMAT_VERSION}); the model bytes carry their own
 * @param promotedBy    why it was published ({@link PromotedBy}: {@code gate}, {@code challenger}, {@code forced},
 *                      {@code rollback}, {@code demotion}, or {@code bootstrap} in records of older builds)
 * @param kind          {@code lstm}, or {@code naive}: serve the naive forecast (no model bytes); records of older
 *                      builds without one are {@code lstm}
 * @param validation    the gate's evidence (null when forced, and for naive)
 * @param demotion      set on the record published when a version was demoted
 * @param demotedVersions every version demoted so far that is still in the registry, ascending (empty in records
 *                      of older builds): carried by every new record, so the knowledge survives when the record of
 *                      the demotion itself is deleted or replaced
 * @param calibration   the prediction intervals' calibration of the model and of the naive forecast, fitted on the
 *                      gate's validation windows, with the gate's coverage check (null in forced records, records of
 *                      older builds, and naive records: the naive forecast then keeps the calibration it has)
 * @param symbolEvidence per symbol, the model's evidence against naive on that symbol's validation windows, which the
 *                      stream joins to the symbol's live evidence (additive: empty in forced, naive and older records)
 */
public record ModelRecord(
        int formatVersion,
        long version,
        Instant createdAt,
        PromotedBy promotedBy,
        ModelKind kind,
        Architecture architecture,
        Training training,
        DataRange data,
        Evidence validation,
        Demotion demotion,
        List<Long> demotedVersions,
        byte[] model,
        ForecasterCalibration calibration,
        Map<String, ValidationEvidence> symbolEvidence) {

    public static final int FORMAT_VERSION = 1;
    private static final Pattern KEY = Pattern.compile("v(\\d{1,18})");

    public ModelRecord {
        kind = kind == null ? ModelKind.LSTM : kind; // records of older builds
        demotedVersions = demotedVersions == null ? List.of() : List.copyOf(demotedVersions);
        symbolEvidence = symbolEvidence == null ? Map.of() : Map.copyOf(symbolEvidence);
    }

    /** A record without interval calibration. */
    public ModelRecord(int formatVersion, long version, Instant createdAt, PromotedBy promotedBy, ModelKind kind,
                       Architecture architecture, Training training, DataRange data, Evidence validation,
                       Demotion demotion, List<Long> demotedVersions, byte[] model) {
        this(formatVersion, version, createdAt, promotedBy, kind, architecture, training, data, validation, demotion,
                demotedVersions, model, null, null);
    }

    public record Architecture(int window, int layers, int hidden) {
    }

    public record Training(double learningRate, int epochs, int batchSize, long seed, int examples, long durationMillis) {
    }

    /** The history the model was trained and validated on. */
    public record DataRange(int symbols, long ticks, LocalDate from, LocalDate to) {
    }

    /**
     * Why a version was taken out of service: its live forecasts, pooled over all symbols, did not beat naive, by the
     * trainer's anytime-valid demotion test ({@code LiveScorer}): its e-value {@code evidence} over {@code days}
     * pooled days reached {@code 1 / level}. {@code ratioToNaive} and {@code test} (a one-sided Diebold-Mariano
     * statistic, null if too few scores) describe the most recent scores; they decide nothing. Records written before
     * the anytime-valid test (0.x releases up to 0.4) have {@code evidence} and {@code days} 0: their {@code test} at
     * {@code level} decided.
     *
     * @param level the e-process's {@code evidence.alpha} (earlier records: the Diebold-Mariano test's level)
     */
    public record Demotion(long demotedVersion, Instant at, double ratioToNaive, DieboldMariano test, double level,
                           double evidence, long days) {
    }

    public boolean isNaive() {
        return kind == ModelKind.NAIVE;
    }

    /** The same record carrying per-symbol validation evidence. */
    public ModelRecord withSymbolEvidence(Map<String, ValidationEvidence> evidence) {
        return new ModelRecord(formatVersion, version, createdAt, promotedBy, kind, architecture, training, data,
                validation, demotion, demotedVersions, model, calibration, evidence);
    }

    /**
     * A sane model that did not pass the pooled gate ({@code promotedBy} {@code challenger}): it forecasts every window
     * as the challenger and serves where each symbol's evidence promotes it.
     */
    public static ModelRecord challenger(LstmModel model, long version, Instant at, Training training, DataRange data,
                                         Evidence validation) {
        return new ModelRecord(FORMAT_VERSION, version, at, PromotedBy.CHALLENGER, ModelKind.LSTM, architecture(model),
                training, data, validation, null, List.of(), model.toBytes());
    }

    /** A model that passed the gate. */
    public static ModelRecord gated(LstmModel model, long version, Instant at, Training training, DataRange data,
                                    Evidence validation) {
        return new ModelRecord(FORMAT_VERSION, version, at, PromotedBy.GATE, ModelKind.LSTM, architecture(model), training,
                data, validation, null, List.of(), model.toBytes());
    }

    /** A model an operator publishes without validation ({@code run --model FILE --force}). */
    public static ModelRecord forced(LstmModel model, long version, Instant at) {
        return new ModelRecord(FORMAT_VERSION, version, at, PromotedBy.FORCED, ModelKind.LSTM, architecture(model), null,
                null, null, null, List.of(), model.toBytes());
    }

    /** "Serve the naive forecast": published when a demoted version has no passing version to fall back to. */
    public static ModelRecord naive(long version, Instant at, Demotion demotion) {
        return new ModelRecord(FORMAT_VERSION, version, at, PromotedBy.DEMOTION, ModelKind.NAIVE, null, null, null, null,
                demotion, List.of(), new byte[0]);
    }

    private static Architecture architecture(LstmModel model) {
        var c = model.config();
        return new Architecture(c.window(), c.layers(), c.hidden());
    }

    public static String key(long version) {
        return String.format("v%012d", version);
    }

    /** The version a registry key names ({@link #key(long)}), or empty for a key of another form. */
    public static OptionalLong versionOf(String key) {
        Matcher m = key == null ? null : KEY.matcher(key);
        return m != null && m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The same record under another version number (assigned when it is published). */
    public ModelRecord withVersion(long newVersion) {
        return new ModelRecord(formatVersion, newVersion, createdAt, promotedBy, kind, architecture, training, data,
                validation, demotion, demotedVersions, model, calibration, symbolEvidence);
    }

    /** The same record carrying the versions demoted so far (sorted; see {@code demotedVersions}). */
    public ModelRecord withDemotedVersions(Collection<Long> demoted) {
        return new ModelRecord(formatVersion, version, createdAt, promotedBy, kind, architecture, training, data,
                validation, demotion, demoted.stream().sorted().distinct().toList(), model, calibration,
                symbolEvidence);
    }

    /** The same record carrying {@code newCalibration}. */
    public ModelRecord withCalibration(ForecasterCalibration newCalibration) {
        return new ModelRecord(formatVersion, version, createdAt, promotedBy, kind, architecture, training, data,
                validation, demotion, demotedVersions, model, newCalibration, symbolEvidence);
    }

    /** True for a model that passed the current gate (with its evidence recorded), not forced or legacy. */
    public boolean passedGate() {
        return !isNaive() && validation != null && validation.vsNaive() != null && validation.passed();
    }

    /**
     * This record published again: by an operator's rollback, or as the fallback of a demotion ({@code why}). It
     * keeps its version and creation time; {@code why.at()} says when it was republished by a demotion.
     */
    public ModelRecord republished(PromotedBy by, Demotion why) {
        return new ModelRecord(formatVersion, version, createdAt, by, kind, architecture, training, data, validation, why,
                demotedVersions, model, calibration, symbolEvidence);
    }
}
