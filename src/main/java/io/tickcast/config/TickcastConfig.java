package io.tickcast.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.tickcast.errors.Causes;
import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.Multiplicity;
import io.tickcast.evidence.ServingDecision;
import io.tickcast.gate.GateSettings;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.Durations;
import io.tickcast.settings.InvalidSettingException;

/**
 * All of tickcast's settings in one typed place. Built from (lowest to highest precedence) the defaults in
 * {@link ConfigKey}, an optional properties file, {@code TICKCAST_*} environment variables, and explicit
 * overrides (command-line options).
 */
public record TickcastConfig(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        Http http,
        String stateDir,
        int streamThreads,
        ThreadFailures threadFailures,
        Batching batching,
        int rocksDbMemoryMb,
        LstmConfig lstm,
        Trainer trainer,
        GateSettings gate,
        Intervals intervals,
        Clients clients,
        Map<String, String> kafkaOverrides,
        LiveEvidence evidence) {

    /**
     * Who decides where the LSTM serves ({@code evidence.decision}) and how the per-symbol tests weigh evidence
     * ({@code evidence.*}).
     */
    public record LiveEvidence(ServingDecision decision, EvidenceSettings settings, Multiplicity multiplicity) {
        public static final LiveEvidence DEFAULT = new LiveEvidence(ServingDecision.PER_SYMBOL, EvidenceSettings.DEFAULT,
                Multiplicity.NONE);

        public LiveEvidence(ServingDecision decision, EvidenceSettings settings) {
            this(decision, settings, Multiplicity.NONE);
        }
    }

    /**
     * The prediction intervals: which levels, how they are scaled, and how far a candidate's validation coverage
     * may miss the nominal level and still be promoted.
     */
    public record Intervals(IntervalSettings settings, double coverageTolerance) {
        public Intervals {
            check(coverageTolerance > 0 && coverageTolerance < 0.5, ConfigKey.GATE_COVERAGE_TOLERANCE,
                    "must be between 0 and 0.5 (exclusive)", coverageTolerance);
        }

        public static final Intervals DEFAULT = new Intervals(IntervalSettings.DEFAULT,
                Double.parseDouble(ConfigKey.GATE_COVERAGE_TOLERANCE.defaultValue()));
    }

    /** Names of the topics the service reads and writes. */
    public record Topics(String ticks, String forecasts, String deadLetter, String models) {
    }

    /**
     * The retraining role: when to retrain (a timer and/or a count of new ticks; whichever comes first), how
     * much history to keep, how much of it the promotion gate validates on, and how many registry versions to keep.
     */
    public record Trainer(Duration interval, long everyTicks, int historyDays, long maxHistoryTicks,
                          double validationFraction, int minWindows, int demotionWindow, int keepVersions,
                          double cpuShare) {
        public Trainer {
            check(!interval.isNegative(), ConfigKey.TRAINER_INTERVAL, "must not be negative", interval);
            check(everyTicks >= 0, ConfigKey.TRAINER_EVERY_TICKS, "must be >= 0", everyTicks);
            check(historyDays >= 2, ConfigKey.TRAINER_HISTORY_DAYS, "must be >= 2", historyDays);
            check(maxHistoryTicks >= historyDays, ConfigKey.TRAINER_MAX_HISTORY_TICKS,
                    "must be >= " + ConfigKey.TRAINER_HISTORY_DAYS.key() + " (" + historyDays + ")", maxHistoryTicks);
            check(validationFraction > 0 && validationFraction < 1, ConfigKey.TRAINER_VALIDATION_FRACTION,
                    "must be between 0 and 1 (exclusive)", validationFraction);
            check(minWindows >= 1, ConfigKey.TRAINER_MIN_WINDOWS, "must be >= 1", minWindows);
            check(demotionWindow >= 0, ConfigKey.DEMOTION_WINDOW, "must be >= 0", demotionWindow);
            check(keepVersions >= 1, ConfigKey.REGISTRY_KEEP_VERSIONS, "must be >= 1", keepVersions);
            check(cpuShare > 0 && cpuShare <= 1, ConfigKey.TRAINER_CPU_SHARE, "must be > 0 and <= 1", cpuShare);
        }
    }

    /**
     * How many stream-thread failures an instance takes: a failed thread is replaced, unless it is the
     * {@code limit}-th failure within {@code window}; then the instance stops (it is no longer live).
     */
    public record ThreadFailures(int limit, Duration window) {
        public ThreadFailures {
            check(limit >= 1, ConfigKey.STREAM_THREAD_FAILURE_LIMIT, "must be >= 1", limit);
            check(window.compareTo(Duration.ZERO) > 0, ConfigKey.STREAM_THREAD_FAILURE_WINDOW, "must be positive", window);
        }
    }

    /**
     * How the stream batches its model calls: the windows that become full while others wait are forecast in one
     * call, at most {@code maxSize} of them, none waiting longer than about {@code maxDelay}. A symbol's next tick
     * first forecasts the windows waiting, so each symbol's forecasts still go out one per tick, in tick order.
     */
    public record Batching(int maxSize, Duration maxDelay) {
        public static final Batching NONE = new Batching(1, Duration.ofMillis(1));

        public Batching {
            check(maxSize >= 1 && maxSize <= 100_000, ConfigKey.STREAM_BATCH_MAX_SIZE, "must be 1..100000", maxSize);
            check(maxDelay.compareTo(Duration.ofMillis(1)) >= 0 && maxDelay.compareTo(Duration.ofMinutes(1)) <= 0,
                    ConfigKey.STREAM_BATCH_MAX_DELAY, "must be between PT0.001S and PT1M", maxDelay);
        }

        public boolean batches() {
            return maxSize > 1;
        }
    }

    /**
     * Bounds on the command-line clients (produce, consume, models): how long they wait for the cluster to answer
     * at all, and how long {@code produce} waits for each tick's acknowledgement.
     */
    public record Clients(Duration timeout, Duration deliveryTimeout) {
        public Clients {
            atLeastASecond(timeout, ConfigKey.CLIENT_TIMEOUT);
            atLeastASecond(deliveryTimeout, ConfigKey.PRODUCE_DELIVERY_TIMEOUT);
        }

        private static void atLeastASecond(Duration d, ConfigKey key) {
            check(d.compareTo(Duration.ofSeconds(1)) >= 0, key, "must be at least PT1S", d);
        }
    }

    /**
     * Where the HTTP server (metrics, health probes, forecast queries) listens, and the host name other
     * instances reach it at (empty: see {@link ConfigKey#HTTP_ADVERTISED_HOST}).
     */
    public record Http(String host, int port, String advertisedHost) {

        public Http {
            advertisedHost = advertisedHost == null ? "" : advertisedHost;
        }

        public Http(String host, int port) {
            this(host, port, "");
        }

        /**
         * True when the advertised host and the port are known ({@code http.port} 0 is not): then the stream's
         * {@code application.server} is {@code advertisedHost:port}, and forecast queries for symbols another
         * instance owns are sent there.
         */
        public boolean advertises() {
            return !advertisedHost.isBlank() && port > 0;
        }
    }

    private static void check(boolean ok, ConfigKey key, String rule, Object value) {
        InvalidSettingException.check(ok, key, rule, value);
    }

    /**
     * Every setting, with the values of secret Kafka settings ({@code sasl.jaas.config}, {@code *.password},
     * {@code *.key}, ...) hidden, so a config that reaches a log or an error message never carries a credential.
     */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        kafkaOverrides.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
        return "TickcastConfig[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId + ", topics=" + topics
                + ", http=" + http + ", stateDir=" + stateDir + ", streamThreads=" + streamThreads + ", threadFailures="
                + threadFailures + ", batching=" + batching + ", rocksDbMemoryMb=" + rocksDbMemoryMb + ", lstm=" + lstm + ", trainer=" + trainer + ", gate=" + gate + ", intervals=" + intervals
                + ", clients=" + clients + ", kafkaOverrides=" + shown + "]";
    }

    /** Kafka client settings whose values are credentials (Kafka's own config dumps hide the same ones). */
    static boolean isSecret(String kafkaKey) {
        String k = kafkaKey.toLowerCase(Locale.ROOT);
        return k.endsWith("sasl.jaas.config") || k.contains("password") || k.endsWith(".key") || k.contains("secret")
                || k.endsWith("ssl.keystore.certificate.chain") || k.contains("token");
    }

    public int windowSize() {
        return lstm.window();
    }

    public static TickcastConfig defaults() {
        return load(List.of(), Map.of(), Map.of());
    }

    /**
     * @param file      optional properties file (null for none)
     * @param env       environment variables (only {@code TICKCAST_*} ones are read)
     * @param overrides key/value pairs that win over everything else
     */
    public static TickcastConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file == null ? List.of() : List.of(file), env, overrides);
    }

    /**
     * Defaults, then each file in turn (later files win), then {@code TICKCAST_*} environment variables, then
     * {@code overrides}. A file may mix tickcast keys, {@code kafka.}-prefixed client settings and plain Kafka
     * client settings (a {@code client.properties} as Kafka's own tools take it).
     *
     * @throws IllegalArgumentException naming the file or variable and the nearest valid name, for a key or
     *                                  {@code TICKCAST_*} variable that is not a setting
     */
    public static TickcastConfig load(List<Path> files, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> raw = new TreeMap<>();
        Map<String, String> origin = new TreeMap<>();   // where each value came from, for error messages
        for (Path file : files) {
            readFile(file).forEach((k, value) -> {
                raw.put(k, value);
                origin.put(k, "set in config file " + file);
            });
        }
        fromEnvironment(env).forEach((k, value) -> {
            raw.put(k, value);
            origin.put(k, "set by environment variable " + ConfigKey.envVarFor(k));
        });
        overrides.forEach((k, value) -> {
            raw.put(k, value);
            origin.put(k, "set on the command line");
        });
        try {
            return fromMap(raw);
        } catch (InvalidSettingException e) {
            throw e.from(origin.getOrDefault(e.key().key(), "the default"));
        } catch (UnknownKeyException e) {
            throw new UnknownKeyException(e.key, origin.get(e.key));
        }
    }

    /**
     * The settings in {@code file}: tickcast keys and {@code kafka.}-prefixed ones as they are, plain Kafka client
     * settings with the prefix added; an error names the file and what is wrong with it.
     */
    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + Causes.ofFile(e), e);
        } catch (IllegalArgumentException e) {   // Properties.load: a malformed unicode escape
            throw new IllegalArgumentException("config file " + file + " is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> raw = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            String key = k.trim();
            if (ConfigKey.find(key).isPresent() || key.startsWith(ConfigKey.KAFKA_PASSTHROUGH_PREFIX)) {
                raw.put(key, props.getProperty(k));
            } else if (KafkaClientKeys.isKnown(key)) {
                raw.put(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + key, props.getProperty(k));
            } else {
                throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "'; did you mean '"
                        + nearestKey(key) + "'? (tickcast keys: see docs/configuration.md; Kafka client settings as "
                        + "Kafka's tools take them, with or without the prefix " + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + ")");
            }
        }
        return raw;
    }

    /**
     * {@code TICKCAST_<KEY>} for each key, {@code TICKCAST_KAFKA_<SETTING>} for Kafka client settings; the
     * launcher's {@code TICKCAST_JAVA_OPTS} and the logging's {@code TICKCAST_LOG_LEVEL} are read elsewhere. Any
     * other {@code TICKCAST_*} variable is a misspelling and an error.
     */
    private static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> raw = new TreeMap<>();
        String passthroughEnv = ConfigKey.ENV_PREFIX + "KAFKA_";
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.ENV_PREFIX) || ConfigKey.ENV_READ_ELSEWHERE.contains(name)) {
                continue;
            }
            Optional<ConfigKey> key = Arrays.stream(ConfigKey.values()).filter(k -> k.envVar().equals(name)).findFirst();
            if (key.isPresent()) {
                raw.put(key.get().key(), e.getValue());
            } else if (name.startsWith(passthroughEnv)
                    && KafkaClientKeys.isKnown(kafkaKeyOf(name.substring(passthroughEnv.length())))) {
                raw.put(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + kafkaKeyOf(name.substring(passthroughEnv.length())), e.getValue());
            } else {
                throw new IllegalArgumentException("environment variable " + name + " is not a tickcast setting; did you mean "
                        + NearestName.among(name, knownEnvironmentVariables()) + "? (TICKCAST_<KEY> for each key in docs/configuration.md, "
                        + "Configuration; " + passthroughEnv + "<SETTING> for a Kafka client setting, e.g. "
                        + passthroughEnv + "SECURITY_PROTOCOL)");
            }
        }
        return raw;
    }

    private static String kafkaKeyOf(String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Set<String> knownEnvironmentVariables() {
        Set<String> names = new TreeSet<>(ConfigKey.ENV_READ_ELSEWHERE);
        Arrays.stream(ConfigKey.values()).forEach(k -> names.add(k.envVar()));
        KafkaClientKeys.all().forEach(k -> names.add(ConfigKey.envVarFor(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + k)));
        return names;
    }

    /** The valid key nearest a misspelt one: a tickcast key or a Kafka client setting. */
    private static String nearestKey(String key) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(ConfigKey.values()).forEach(k -> names.add(k.key()));
        KafkaClientKeys.all().forEach(k -> names.add(ConfigKey.KAFKA_PASSTHROUGH_PREFIX + k));
        return NearestName.among(key, names);
    }

    static TickcastConfig fromMap(Map<String, String> raw) {
        Map<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        Map<String, String> kafka = new TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getKey().startsWith(ConfigKey.KAFKA_PASSTHROUGH_PREFIX)) {
                String setting = e.getKey().substring(ConfigKey.KAFKA_PASSTHROUGH_PREFIX.length());
                if (!KafkaClientKeys.isKnown(setting)) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' names no Kafka client setting ('" + setting
                            + "' is not a producer, consumer, admin or Kafka Streams setting); did you mean '"
                            + nearestKey(e.getKey()) + "'?");
                }
                kafka.put(setting, e.getValue());
                continue;
            }
            ConfigKey key = find(e.getKey());
            v.put(key, e.getValue().trim());
        }
        for (ConfigKey k : ConfigKey.values()) {
            v.putIfAbsent(k, k.defaultValue());
        }
        LstmConfig lstm = new LstmConfig(
                integer(v, ConfigKey.WINDOW_SIZE),
                integer(v, ConfigKey.LSTM_LAYERS),
                integer(v, ConfigKey.LSTM_HIDDEN),
                decimal(v, ConfigKey.TRAIN_LEARNING_RATE),
                integer(v, ConfigKey.TRAIN_EPOCHS),
                integer(v, ConfigKey.TRAIN_BATCH_SIZE),
                longValue(v, ConfigKey.TRAIN_SEED));
        Trainer trainer = new Trainer(duration(v, ConfigKey.TRAINER_INTERVAL),
                longValue(v, ConfigKey.TRAINER_EVERY_TICKS), integer(v, ConfigKey.TRAINER_HISTORY_DAYS),
                longValue(v, ConfigKey.TRAINER_MAX_HISTORY_TICKS), decimal(v, ConfigKey.TRAINER_VALIDATION_FRACTION),
                integer(v, ConfigKey.TRAINER_MIN_WINDOWS), integer(v, ConfigKey.DEMOTION_WINDOW),
                integer(v, ConfigKey.REGISTRY_KEEP_VERSIONS), decimal(v, ConfigKey.TRAINER_CPU_SHARE));
        Clients clients = new Clients(duration(v, ConfigKey.CLIENT_TIMEOUT), duration(v, ConfigKey.PRODUCE_DELIVERY_TIMEOUT));
        int rocksDbMemory = integer(v, ConfigKey.STREAM_ROCKSDB_MEMORY_MB);
        check(rocksDbMemory >= 8 && rocksDbMemory <= 1 << 20, ConfigKey.STREAM_ROCKSDB_MEMORY_MB, "must be 8..1048576", rocksDbMemory);
        int threads = integer(v, ConfigKey.STREAM_THREADS);
        check(threads >= 1, ConfigKey.STREAM_THREADS, "must be >= 1", threads);
        return new TickcastConfig(
                v.get(ConfigKey.BOOTSTRAP_SERVERS),
                v.get(ConfigKey.APPLICATION_ID),
                new Topics(v.get(ConfigKey.TOPIC_TICKS), v.get(ConfigKey.TOPIC_FORECASTS), v.get(ConfigKey.TOPIC_DEAD_LETTER),
                        v.get(ConfigKey.TOPIC_MODELS)),
                new Http(v.get(ConfigKey.HTTP_HOST), port(integer(v, ConfigKey.HTTP_PORT)), v.get(ConfigKey.HTTP_ADVERTISED_HOST)),
                v.get(ConfigKey.STATE_DIR),
                threads,
                new ThreadFailures(integer(v, ConfigKey.STREAM_THREAD_FAILURE_LIMIT), duration(v, ConfigKey.STREAM_THREAD_FAILURE_WINDOW)),
                new Batching(integer(v, ConfigKey.STREAM_BATCH_MAX_SIZE), duration(v, ConfigKey.STREAM_BATCH_MAX_DELAY)),
                rocksDbMemory,
                lstm,
                trainer,
                new GateSettings(decimal(v, ConfigKey.GATE_LEVEL), integer(v, ConfigKey.GATE_MIN_WINDOWS),
                        decimal(v, ConfigKey.GATE_MARGIN)),
                new Intervals(intervalSettings(v), decimal(v, ConfigKey.GATE_COVERAGE_TOLERANCE)),
                clients,
                Map.copyOf(kafka),
                liveEvidence(v));
    }

    private static LiveEvidence liveEvidence(Map<ConfigKey, String> v) {
        String decision = v.get(ConfigKey.EVIDENCE_DECISION);
        ServingDecision d = ServingDecision.of(decision).orElseThrow(() -> new InvalidSettingException(
                ConfigKey.EVIDENCE_DECISION, "must be per-symbol or pooled", "'" + decision + "'"));
        double alpha = decimal(v, ConfigKey.EVIDENCE_ALPHA);
        check(alpha > 0 && alpha < 1, ConfigKey.EVIDENCE_ALPHA, "must be between 0 and 1 (exclusive)", alpha);
        double margin = decimal(v, ConfigKey.EVIDENCE_MARGIN);
        check(margin >= 0 && margin < 0.5, ConfigKey.EVIDENCE_MARGIN, "must be >= 0 and < 0.5", margin);
        double bound = decimal(v, ConfigKey.EVIDENCE_LOSS_BOUND);
        check(Double.isFinite(bound) && bound > 0, ConfigKey.EVIDENCE_LOSS_BOUND, "must be a number > 0", bound);
        String multiplicity = v.get(ConfigKey.EVIDENCE_MULTIPLICITY);
        Multiplicity m = Multiplicity.of(multiplicity).orElseThrow(() -> new InvalidSettingException(
                ConfigKey.EVIDENCE_MULTIPLICITY, "must be none or family", "'" + multiplicity + "'"));
        return new LiveEvidence(d, new EvidenceSettings(alpha, margin, bound, EvidenceSettings.DEFAULT_BETS), m);
    }

    private static IntervalSettings intervalSettings(Map<ConfigKey, String> v) {
        java.util.List<Double> levels = new java.util.ArrayList<>();
        for (String part : v.get(ConfigKey.INTERVAL_LEVELS).split(",")) {
            try {
                levels.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(ConfigKey.INTERVAL_LEVELS, "must be comma-separated numbers such as "
                        + "0.8,0.95", "'" + v.get(ConfigKey.INTERVAL_LEVELS) + "'");
            }
        }
        return new IntervalSettings(levels, decimal(v, ConfigKey.INTERVAL_HALF_LIFE), decimal(v, ConfigKey.INTERVAL_ADAPT_RATE));
    }

    private static int port(int port) {
        check(port >= 0 && port <= 65535, ConfigKey.HTTP_PORT, "must be 0..65535", port);
        return port;
    }

    private static ConfigKey find(String key) {
        return ConfigKey.find(key).orElseThrow(() -> new UnknownKeyException(key));
    }

    /** A key tickcast does not know (a typo, most likely): an error naming the nearest key, not a silent no-op. */
    private static final class UnknownKeyException extends IllegalArgumentException {
        private final String key;

        UnknownKeyException(String key) {
            this(key, null);
        }

        /** @param where where the key was set (e.g. "set in config file app.properties"), or null */
        UnknownKeyException(String key, String where) {
            super("unknown configuration key '" + key + "'" + (where == null ? "" : " " + where) + "; did you mean '"
                    + nearestKey(key) + "'? (keys: see docs/configuration.md; Kafka client settings take the prefix "
                    + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + ")");
            this.key = key;
        }
    }

    private static int integer(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Integer.parseInt(v.get(k));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(k, "must be an integer", "'" + v.get(k) + "'");
        }
    }

    private static long longValue(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Long.parseLong(v.get(k));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(k, "must be an integer", "'" + v.get(k) + "'");
        }
    }

    private static Duration duration(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Durations.parse(v.get(k));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(k, "must be a duration: " + Durations.SPELLINGS, "'" + v.get(k) + "'");
        }
    }

    private static double decimal(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Double.parseDouble(v.get(k));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(k, "must be a number", "'" + v.get(k) + "'");
        }
    }

    /** Settings shared by every Kafka client tickcast creates: bootstrap servers plus the kafka.* passthrough. */
    public Properties kafkaClientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(kafkaOverrides);
        return p;
    }

    public TickcastConfig withBootstrapServers(String servers) {
        return copy(b -> b.bootstrapServers = servers);
    }

    public TickcastConfig withStateDir(String dir) {
        return copy(b -> b.stateDir = dir);
    }

    public TickcastConfig withApplicationId(String id) {
        return copy(b -> b.applicationId = id);
    }

    public TickcastConfig withTopics(Topics newTopics) {
        return copy(b -> b.topics = newTopics);
    }

    public TickcastConfig withHttp(Http newHttp) {
        return copy(b -> b.http = newHttp);
    }

    public TickcastConfig withBatching(Batching newBatching) {
        return copy(b -> b.batching = newBatching);
    }

    public TickcastConfig withTrainer(Trainer newTrainer) {
        return copy(b -> b.trainer = newTrainer);
    }

    public TickcastConfig withEvidence(LiveEvidence newEvidence) {
        return copy(b -> b.evidence = newEvidence);
    }

    public TickcastConfig withLstm(LstmConfig newLstm) {
        return copy(b -> b.lstm = newLstm);
    }

    /** This config with the changes {@code change} makes to a copy of its components. */
    private TickcastConfig copy(Consumer<Components> change) {
        Components c = new Components(this);
        change.accept(c);
        return c.build();
    }

    /** The components of a config, to change some and build a new one (the one place that lists them all). */
    private static final class Components {
        private String bootstrapServers;
        private String applicationId;
        private Topics topics;
        private Http http;
        private String stateDir;
        private int streamThreads;
        private ThreadFailures threadFailures;
        private Batching batching;
        private int rocksDbMemoryMb;
        private LstmConfig lstm;
        private Trainer trainer;
        private GateSettings gate;
        private Intervals intervals;
        private Clients clients;
        private Map<String, String> kafkaOverrides;
        private LiveEvidence evidence;

        Components(TickcastConfig c) {
            bootstrapServers = c.bootstrapServers;
            applicationId = c.applicationId;
            topics = c.topics;
            http = c.http;
            stateDir = c.stateDir;
            streamThreads = c.streamThreads;
            threadFailures = c.threadFailures;
            batching = c.batching;
            rocksDbMemoryMb = c.rocksDbMemoryMb;
            lstm = c.lstm;
            trainer = c.trainer;
            gate = c.gate;
            intervals = c.intervals;
            clients = c.clients;
            kafkaOverrides = c.kafkaOverrides;
            evidence = c.evidence;
        }

        TickcastConfig build() {
            return new TickcastConfig(bootstrapServers, applicationId, topics, http, stateDir, streamThreads, threadFailures, batching, rocksDbMemoryMb, lstm, trainer, gate, intervals, clients, kafkaOverrides, evidence);
        }
    }
}
