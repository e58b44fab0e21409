package io.tickcast.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Every configuration key tickcast reads, with its default and meaning (docs/configuration.md lists these). */
public enum ConfigKey {
    BOOTSTRAP_SERVERS("bootstrap.servers", "127.0.0.1:9092", "Kafka bootstrap servers"),
    APPLICATION_ID("application.id", "tickcast", "Kafka Streams application id (consumer group, internal topic prefix)"),
    TOPIC_TICKS("topic.ticks", "ticks", "input topic of tick JSON records"),
    TOPIC_FORECASTS("topic.forecasts", "forecasts", "output topic of forecast JSON records"),
    TOPIC_DEAD_LETTER("topic.dead-letter", "ticks-dlq", "dead-letter topic: rejected ticks' original bytes, reason in headers"),
    TOPIC_MODELS("topic.models", "tickcast-models", "compacted model registry topic: model bytes with metadata"),
    CLIENT_TIMEOUT("client.timeout", "PT15S",
            "how long produce, consume and models wait for the Kafka cluster (the connection check before any work, "
            + "metadata, every blocking call), and run for the check at start and for the model registry to be read, "
            + "before they fail and say why (ISO-8601 duration)"),
    PRODUCE_DELIVERY_TIMEOUT("produce.delivery-timeout", "PT2M",
            "how long tickcast produce waits for the cluster to acknowledge a tick, retries included (e.g. across a "
            + "broker restart), before it stops and says how many ticks are published (ISO-8601 duration)"),
    HTTP_HOST("http.host", "0.0.0.0", "bind address of the HTTP server (metrics, health, forecast queries)"),
    HTTP_PORT("http.port", "8080", "port of the HTTP server; 0 picks a free port"),
    HTTP_ADVERTISED_HOST("http.advertised-host", "",
            "host name other instances reach this one's HTTP server at (Kafka Streams application.server); "
            + "empty: http.host, or this machine's host name when http.host is a wildcard"),
    WINDOW_SIZE("window.size", "5", "closes per symbol in the rolling window (the LSTM's input length)"),
    STATE_DIR("state.dir", System.getProperty("java.io.tmpdir") + "/tickcast-state", "Kafka Streams state directory"),
    STREAM_THREADS("stream.threads", "1", "Kafka Streams stream threads"),
    STREAM_THREAD_FAILURE_LIMIT("stream.thread-failure-limit", "5",
            "stream-thread failures within stream.thread-failure-window that stop the instance (fewer: the thread is replaced)"),
    STREAM_THREAD_FAILURE_WINDOW("stream.thread-failure-window", "PT10M",
            "the window (ISO-8601 duration) in which stream.thread-failure-limit failures stop the instance"),
    STREAM_BATCH_MAX_SIZE("stream.batch.max-size", "500",
            "most windows forecast in one model call; 1: each tick is forecast on its own as it arrives"),
    STREAM_BATCH_MAX_DELAY("stream.batch.max-delay", "PT0.01S",
            "longest a full window waits (wall clock) for others to share its model call (ISO-8601 duration, 1 ms to 1 min)"),
    STREAM_ROCKSDB_MEMORY_MB("stream.rocksdb.memory-mb", "64",
            "native memory all of the process's RocksDB state stores share (block cache and memtables), in MiB"),
    LSTM_LAYERS("lstm.layers", "2", "LSTM layers"),
    LSTM_HIDDEN("lstm.hidden", "8", "LSTM hidden size"),
    TRAIN_LEARNING_RATE("train.learning-rate", "0.03", "Adam learning rate"),
    TRAIN_EPOCHS("train.epochs", "100", "training epochs"),
    TRAIN_BATCH_SIZE("train.batch-size", "1024", "training mini-batch size"),
    TRAIN_SEED("train.seed", "42", "random seed for weight initialisation and shuffling"),
    TRAINER_INTERVAL("trainer.interval", "PT1H", "retrain this often (ISO-8601 duration; PT0S: never on a timer)"),
    TRAINER_EVERY_TICKS("trainer.every-ticks", "5000", "retrain after this many new ticks (0: never on a count)"),
    TRAINER_HISTORY_DAYS("trainer.history-days", "2000", "days of history the trainer keeps per symbol"),
    TRAINER_MAX_HISTORY_TICKS("trainer.max-history-ticks", "1000000", "bound on the trainer's history over all symbols"),
    TRAINER_VALIDATION_FRACTION("trainer.validation-fraction", "0.2",
            "most recent share of each symbol's windows held out for the promotion gate"),
    TRAINER_MIN_WINDOWS("trainer.min-windows", "200", "fewest training windows (all symbols) before a training is tried"),
    TRAINER_CPU_SHARE("trainer.cpu-share", "0.5",
            "share of one core a training may use: below 1 it pauses after each epoch (work / (work + pauses) = share), so a "
            + "stream in the same process (role all) keeps its latency; the training takes 1/share as long"),
    GATE_LEVEL("gate.level", "0.05",
            "level of the one-sided Diebold-Mariano test a model must pass to be promoted (and that demotes it live)"),
    GATE_MIN_WINDOWS("gate.min-windows", "100",
            "fewest validation (or live) forecasts the gate and demotion decide on"),
    GATE_MARGIN("gate.margin", "0.01",
            "share of the benchmark's mean squared error a candidate must beat it by (naive, and the model in service)"),
    GATE_COVERAGE_TOLERANCE("gate.coverage-tolerance", "0.05",
            "largest gap between a candidate's interval coverage on the newer half of its validation windows and the "
            + "nominal level (calibrated on the older half) that still lets it be promoted, at every level"),
    INTERVAL_LEVELS("interval.levels", "0.8,0.95",
            "coverage levels of the prediction intervals on every forecast (comma-separated, ascending, each in (0, 1))"),
    INTERVAL_HALF_LIFE("interval.half-life", "11.2",
            "half-life in trading days of each symbol's EWMA volatility of daily log returns, the intervals' scale"),
    INTERVAL_ADAPT_RATE("interval.adapt-rate", "0.05",
            "step of the per-symbol online width correction from each interval's own misses (0: calibrated widths only)"),
    DEMOTION_WINDOW("demotion.window", "500",
            "live forecasts of the serving model (the most recent, all symbols) whose RMSE ratio to naive the trainer reports; 0: no live check, no pooled demotion"),
    REGISTRY_KEEP_VERSIONS("registry.keep-versions", "20",
            "newest versions the trainer keeps in the model registry (and as many fallbacks for demotion); older ones are deleted"),
    EVIDENCE_DECISION("evidence.decision", "per-symbol",
            "who decides where the LSTM serves: per-symbol (each symbol's live evidence promotes and demotes it) or pooled "
            + "(a model that passes the training-time gate serves every symbol, the trainer's pooled live test demotes it)"),
    EVIDENCE_ALPHA("evidence.alpha", "0.05",
            "error level of the per-symbol tests: a symbol is promoted (or demoted) when its evidence reaches 1/alpha"),
    EVIDENCE_MARGIN("evidence.margin", "0",
            "edge over naive the LSTM must show to be promoted, and below which it is demoted, in the tests' score units "
            + "(the loss difference divided by evidence.loss-bound, in [0, 0.5))"),
    EVIDENCE_LOSS_BOUND("evidence.loss-bound", "4",
            "clip of the daily loss difference (naive's squared error minus the LSTM's, in units of the symbol's daily "
            + "variance) before it is scored, so one wild day cannot decide"),
    EVIDENCE_MULTIPLICITY("evidence.multiplicity", "none",
            "how promotion accounts for many symbols: none (each symbol at 1/alpha) or family (at K/alpha, K the "
            + "challenger's symbols, so that any symbol without an edge is ever promoted with probability at most alpha)");

    /** Keys with this prefix are passed, without it, to every Kafka client (e.g. kafka.security.protocol). */
    public static final String KAFKA_PASSTHROUGH_PREFIX = "kafka.";
    /** Environment variables with this prefix override file settings. */
    public static final String ENV_PREFIX = "TICKCAST_";
    /** {@code TICKCAST_*} variables that are not settings: the launcher's JVM options and the log level (logback.xml). */
    public static final Set<String> ENV_READ_ELSEWHERE = Set.of("TICKCAST_JAVA_OPTS", "TICKCAST_LOG_LEVEL");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides this key, e.g. {@code TICKCAST_TOPIC_DEAD_LETTER}. */
    public String envVar() {
        return envVarFor(key);
    }

    /** The key spelt {@code key}, if there is one. */
    public static Optional<ConfigKey> find(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static String envVarFor(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
