package io.tickcast.settings;

import static io.tickcast.settings.KeyGroup.CLIENT;
import static io.tickcast.settings.KeyGroup.EVIDENCE;
import static io.tickcast.settings.KeyGroup.GATE;
import static io.tickcast.settings.KeyGroup.HTTP;
import static io.tickcast.settings.KeyGroup.INTERVAL;
import static io.tickcast.settings.KeyGroup.KAFKA;
import static io.tickcast.settings.KeyGroup.LSTM;
import static io.tickcast.settings.KeyGroup.STREAM;
import static io.tickcast.settings.KeyGroup.TRAINER;
import static io.tickcast.settings.KeyNote.see;
import static io.tickcast.settings.KeyNote.was;
import static io.tickcast.settings.Rule.ANY;
import static io.tickcast.settings.ValueType.CHOICE;
import static io.tickcast.settings.ValueType.DECIMAL;
import static io.tickcast.settings.ValueType.DECIMALS;
import static io.tickcast.settings.ValueType.DURATION;
import static io.tickcast.settings.ValueType.INTEGER;
import static io.tickcast.settings.ValueType.LONG;
import static io.tickcast.settings.ValueType.TEXT;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration key tickcast reads, defined once: its group (where it acts), name, type, default, the values it
 * allows, its meaning, and its old names. docs/configuration.md and {@code tickcast config} are made from these.
 * Descriptions may hold {@code `code`}; the reference adds each {@link KeyNote.See} as a link.
 */
public enum ConfigKey {
    BOOTSTRAP_SERVERS(KAFKA, "bootstrap.servers", TEXT, "127.0.0.1:9092", ANY, "Kafka bootstrap servers"),
    APPLICATION_ID(KAFKA, "application.id", TEXT, "tickcast", ANY,
            "Kafka Streams application id (consumer group, internal topic prefix)"),
    TOPIC_TICKS(KAFKA, "topic.ticks", TEXT, "ticks", ANY, "input topic of tick JSON records"),
    TOPIC_FORECASTS(KAFKA, "topic.forecasts", TEXT, "forecasts", ANY, "output topic of forecast JSON records"),
    TOPIC_DEAD_LETTER(KAFKA, "topic.dead-letter", TEXT, "ticks-dlq", ANY,
            "dead-letter topic: rejected ticks' original bytes, the reason in headers"),
    TOPIC_MODELS(KAFKA, "topic.models", TEXT, "tickcast-models", ANY,
            "compacted model registry topic: model bytes with metadata"),
    STATE_DIR(KAFKA, "state.dir", TEXT, "${java.io.tmpdir}/tickcast-state", ANY,
            "Kafka Streams state directory (`java.io.tmpdir` is `/tmp` on Linux)"),

    STREAM_THREADS(STREAM, "stream.threads", INTEGER, "1", Rule.atLeast(1), "Kafka Streams stream threads"),
    STREAM_THREAD_FAILURE_LIMIT(STREAM, "stream.thread-failure-limit", INTEGER, "5", Rule.atLeast(1),
            "stream-thread failures within `stream.thread-failure-window` that stop the instance (fewer: the failed thread "
            + "is replaced)", see("Failure behaviour", "operations.md#failure-behaviour-and-delivery-guarantees")),
    STREAM_THREAD_FAILURE_WINDOW(STREAM, "stream.thread-failure-window", DURATION, "PT10M", Rule.positive(),
            "the window in which `stream.thread-failure-limit` failures stop the instance"),
    STREAM_BATCH_MAX_SIZE(STREAM, "stream.batch.max-size", INTEGER, "500", Rule.range(1, 100_000),
            "most windows forecast in one model call; `1`: each tick is forecast on its own as it arrives",
            see("Batched inference", "operations.md#batched-inference")),
    STREAM_BATCH_MAX_DELAY(STREAM, "stream.batch.max-delay", DURATION, "PT0.01S",
            Rule.between(Duration.ofMillis(1), Duration.ofMinutes(1)),
            "longest a full window waits (wall clock) for others to share its model call"),
    STREAM_ROCKSDB_MEMORY_MB(STREAM, "stream.rocksdb.memory-mb", INTEGER, "64", Rule.range(8, 1 << 20),
            "native memory (MiB) that all of the process's RocksDB state stores share: one block cache, with the memtables "
            + "and index and filter blocks counted in it; without a bound each store of each partition takes its own 50 MB "
            + "cache and up to 48 MB of memtables"),

    HTTP_HOST(HTTP, "http.host", TEXT, "0.0.0.0", ANY, "bind address of the HTTP server (metrics, health, forecast queries)"),
    HTTP_PORT(HTTP, "http.port", INTEGER, "8080", Rule.range(0, 65535), "its port (`0` picks a free one)"),
    HTTP_ADVERTISED_HOST(HTTP, "http.advertised-host", TEXT, "", ANY,
            "host other instances reach this one's HTTP server at (Kafka Streams `application.server`); empty: `http.host`, "
            + "or this machine's host name if that is a wildcard"),

    CLIENT_TIMEOUT(CLIENT, "client.timeout", DURATION, "PT15S", Rule.atLeast(Duration.ofSeconds(1)),
            "how long `produce`, `consume` and `models` wait for the cluster (the check before any work, every blocking "
            + "call), and `run` at start (the check, `--create-topics`, the registry's read making progress, the initial "
            + "model's acknowledgement), before they fail and say why",
            see("details", "operations.md#when-the-cluster-cannot-be-used")),
    CLIENT_DELIVERY_TIMEOUT(CLIENT, "client.delivery-timeout", DURATION, "PT2M", Rule.atLeast(Duration.ofSeconds(1)),
            "how long `produce` waits for the cluster to acknowledge a tick, retries included (long enough to ride out a "
            + "broker restart), before it stops and says how many ticks are published",
            see("details", "cli.md#what-produce-guarantees"), was("produce.delivery-timeout")),

    LSTM_WINDOW_SIZE(LSTM, "lstm.window-size", INTEGER, "5", Rule.atLeast(2),
            "closes per window: the LSTM's input length, and how many closes per symbol the stream keeps", was("window.size")),
    LSTM_LAYERS(LSTM, "lstm.layers", INTEGER, "2", Rule.atLeast(1), "LSTM layers"),
    LSTM_HIDDEN(LSTM, "lstm.hidden", INTEGER, "8", Rule.atLeast(1), "LSTM hidden size"),
    LSTM_LEARNING_RATE(LSTM, "lstm.learning-rate", DECIMAL, "0.03", Rule.positiveFinite(), "Adam learning rate",
            was("train.learning-rate")),
    LSTM_EPOCHS(LSTM, "lstm.epochs", INTEGER, "100", Rule.atLeast(1), "training epochs", was("train.epochs")),
    LSTM_BATCH_SIZE(LSTM, "lstm.batch-size", INTEGER, "1024", Rule.atLeast(1), "training mini-batch size",
            was("train.batch-size")),
    LSTM_SEED(LSTM, "lstm.seed", LONG, "42", ANY, "seed of weight initialisation and shuffling", was("train.seed")),

    TRAINER_INTERVAL(TRAINER, "trainer.interval", DURATION, "PT1H", Rule.notNegative(),
            "retrain this often when there are new ticks (`PT0S`: never on a timer)",
            see("Retraining", "operations.md#retraining-and-the-model-registry")),
    TRAINER_EVERY_TICKS(TRAINER, "trainer.every-ticks", LONG, "5000", Rule.atLeast(0),
            "retrain after this many new ticks (`0`: never on a count)"),
    TRAINER_HISTORY_DAYS(TRAINER, "trainer.history-days", INTEGER, "2000", Rule.atLeast(2), "days of history kept per symbol"),
    TRAINER_MAX_HISTORY_TICKS(TRAINER, "trainer.max-history-ticks", LONG, "1000000", ANY,
            "bound on the history over all symbols, at least `trainer.history-days` (the longest series loses its oldest "
            + "days first)"),
    TRAINER_VALIDATION_FRACTION(TRAINER, "trainer.validation-fraction", DECIMAL, "0.2", Rule.betweenExclusive(0, 1),
            "share of the windows, the most recent by target date (one cutoff date for all symbols), that validate for the "
            + "gate"),
    TRAINER_MIN_WINDOWS(TRAINER, "trainer.min-windows", INTEGER, "200", Rule.atLeast(1),
            "fewest training windows (all symbols) before a training is tried"),
    TRAINER_CPU_SHARE(TRAINER, "trainer.cpu-share", DECIMAL, "0.5", Rule.aboveAndAtMost(0, 1),
            "share of one core a training may use: below 1 it pauses after each epoch so that work / (work + pauses) = "
            + "share, and a training takes 1/share as long; `0.5` keeps a stream in the same process (role `all`, `run`'s "
            + "default) within its latency; `1`: never pause, for a trainer in its own process (role `trainer`) with a core "
            + "to itself", see("Latency", "operations.md#latency")),
    TRAINER_DEMOTION_WINDOW(TRAINER, "trainer.demotion-window", INTEGER, "500", Rule.atLeast(0),
            "most recent live scores (all symbols) the trainer's live RMSE ratio and Diebold-Mariano figures cover (shown, "
            + "not deciding); `0` turns the live check and pooled demotion off", was("demotion.window")),
    TRAINER_KEEP_VERSIONS(TRAINER, "trainer.keep-versions", INTEGER, "20", Rule.atLeast(1),
            "newest versions the trainer keeps in the model registry (plus as many demotion fallbacks, the version it "
            + "publishes and the one serving before it); older ones are deleted with tombstones",
            was("registry.keep-versions")),

    GATE_LEVEL(GATE, "gate.level", DECIMAL, "0.05", Rule.betweenExclusive(0, 0.5),
            "level of the one-sided Diebold-Mariano test: promotion needs p below it (against naive and against the model "
            + "in service)"),
    GATE_MIN_WINDOWS(GATE, "gate.min-windows", INTEGER, "100", Rule.atLeast(2),
            "fewest validation windows the gate decides on (fewer: not promoted), and fewest live scores before the live "
            + "Diebold-Mariano figures are shown"),
    GATE_MARGIN(GATE, "gate.margin", DECIMAL, "0.01", Rule.atLeastAndBelow(0, 0.5),
            "share of the benchmark's mean squared error a candidate must beat it by, with evidence (against naive, and "
            + "against the model in service): superiority by a margin"),
    GATE_COVERAGE_TOLERANCE(GATE, "gate.coverage-tolerance", DECIMAL, "0.05", Rule.betweenExclusive(0, 0.5),
            "how far a candidate's interval coverage may fall short of each nominal level (calibrated on the older half of "
            + "its validation windows, counted on the newer half) before, with evidence at `gate.level` (one-sided "
            + "binomial tests), it is not promoted; coverage above the level is shown, not refused"),

    INTERVAL_LEVELS(INTERVAL, "interval.levels", DECIMALS, "0.8,0.95", Rule.eachBetweenExclusive(0, 1),
            "coverage levels of the prediction intervals on every forecast, ascending",
            see("Prediction intervals", "intervals.md#prediction-intervals")),
    INTERVAL_HALF_LIFE(INTERVAL, "interval.half-life", DECIMAL, "11.2", Rule.between(1, 1000, " trading days"),
            "half-life in trading days of each symbol's EWMA volatility of daily log returns, the intervals' scale"),
    INTERVAL_ADAPT_RATE(INTERVAL, "interval.adapt-rate", DECIMAL, "0.05", Rule.between(0, 0.5, ""),
            "step of each symbol's online interval-width correction from its own misses (`0`: calibrated widths only)"),

    EVIDENCE_DECISION(EVIDENCE, "evidence.decision", CHOICE, "per-symbol", Rule.oneOf("per-symbol", "pooled"),
            "who decides where the LSTM serves: `per-symbol` (each symbol's live evidence promotes and demotes it) or "
            + "`pooled` (a model that passes the training-time gate serves every symbol, the trainer's live check demotes "
            + "it)", see("Live evidence", "evidence.md")),
    EVIDENCE_ALPHA(EVIDENCE, "evidence.alpha", DECIMAL, "0.05", Rule.betweenExclusive(0, 1),
            "error level of the per-symbol tests: a symbol is promoted (or demoted) when its evidence reaches 1/alpha"),
    EVIDENCE_MARGIN(EVIDENCE, "evidence.margin", DECIMAL, "0", Rule.atLeastAndBelow(0, 0.5),
            "edge over naive the LSTM must show to be promoted, and below which it is demoted, in the tests' score units "
            + "(the loss difference divided by `evidence.loss-bound`)"),
    EVIDENCE_LOSS_BOUND(EVIDENCE, "evidence.loss-bound", DECIMAL, "4", Rule.positiveFinite(),
            "clip of the daily loss difference (naive's squared error minus the LSTM's, in units of the symbol's daily "
            + "variance) before it is scored, so one wild day cannot decide"),
    EVIDENCE_MULTIPLICITY(EVIDENCE, "evidence.multiplicity", CHOICE, "none", Rule.oneOf("none", "family"),
            "how promotion accounts for many symbols: `none` (each symbol at 1/alpha) or `family` (at K/alpha, K the "
            + "challenger's symbols: the chance that any symbol without an edge is ever promoted is at most alpha)",
            see("Many symbols", "evidence.md#many-symbols-evidencemultiplicity"));

    /** Keys with this prefix are passed, without it, to every Kafka client (e.g. kafka.security.protocol). */
    public static final String KAFKA_PASSTHROUGH_PREFIX = "kafka.";
    /** Environment variables with this prefix override file settings. */
    public static final String ENV_PREFIX = "TICKCAST_";
    /** {@code TICKCAST_*} variables that are not settings: the launcher's JVM options and the log level (logback.xml). */
    public static final Set<String> ENV_READ_ELSEWHERE = Set.of("TICKCAST_JAVA_OPTS", "TICKCAST_LOG_LEVEL");
    /** Written in a default, stands for the JVM's temporary directory. */
    private static final String TMPDIR = "${java.io.tmpdir}";

    private final KeyGroup group;
    private final String key;
    private final ValueType type;
    private final String defaultAsWritten;
    private final Rule rule;
    private final String description;
    private final List<KeyNote> notes;

    ConfigKey(KeyGroup group, String key, ValueType type, String defaultValue, Rule rule, String description,
              KeyNote... notes) {
        this.group = group;
        this.key = key;
        this.type = type;
        this.defaultAsWritten = defaultValue;
        this.rule = rule;
        this.description = description;
        this.notes = List.of(notes);
    }

    public KeyGroup group() {
        return group;
    }

    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    /** The default on this machine ({@code state.dir}'s names this JVM's temporary directory). */
    public String defaultValue() {
        return defaultAsWritten.replace(TMPDIR, System.getProperty("java.io.tmpdir"));
    }

    /** The default as the reference writes it, the same on every machine. */
    public String defaultAsWritten() {
        return defaultAsWritten;
    }

    public Rule rule() {
        return rule;
    }

    /** The type and the values allowed, as the reference shows them: {@code integer, >= 1}, {@code none or family}. */
    public String allowedValues() {
        if (type == CHOICE || rule.allowed().isEmpty()) {
            return type == CHOICE ? rule.allowed() : type.label();
        }
        return type.label() + ", " + rule.allowed();
    }

    public String description() {
        return description;
    }

    /** Where the docs say more, if anywhere. */
    public Optional<KeyNote.See> docLink() {
        return notes.stream().filter(KeyNote.See.class::isInstance).map(KeyNote.See.class::cast).findFirst();
    }

    /** The names this key had before, still read (with a warning). */
    public List<String> oldNames() {
        return notes.stream().filter(KeyNote.OldName.class::isInstance).map(n -> ((KeyNote.OldName) n).name()).toList();
    }

    /** The environment variable that overrides this key, e.g. {@code TICKCAST_TOPIC_DEAD_LETTER}. */
    public String envVar() {
        return envVarFor(key);
    }

    /**
     * The value {@code text} spells (trimmed), as its type reads it and its rule allows it: a String, Integer, Long,
     * Double, Duration or List of Double.
     *
     * @throws InvalidSettingException naming the key, the value and what is allowed
     */
    public Object parse(String text) {
        Object value = type.parse(this, text.trim());
        rule.check(this, value);
        return value;
    }

    /** Throws an {@link InvalidSettingException} unless this key's rule allows {@code value} (as {@link #parse} gives it). */
    public void check(Object value) {
        rule.check(this, value);
    }

    /** The key spelt {@code key}, if there is one (its current name). */
    public static Optional<ConfigKey> find(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key that was spelt {@code oldName} before it was renamed, if any. */
    public static Optional<ConfigKey> renamedFrom(String oldName) {
        return Arrays.stream(values()).filter(k -> k.oldNames().contains(oldName)).findFirst();
    }

    public static String envVarFor(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
