package io.tickcast.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.Multiplicity;
import io.tickcast.evidence.ServingDecision;
import io.tickcast.gate.GateSettings;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;

/**
 * All of tickcast's settings in one typed place. Built from (lowest to highest precedence) the defaults in
 * {@link ConfigKey}, optional properties files, {@code TICKCAST_*} environment variables, and explicit
 * overrides (command-line options): {@link EffectiveSettings} reads them, {@link ConfigAssembly} types and checks them.
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
            ConfigKey.GATE_COVERAGE_TOLERANCE.check(coverageTolerance);
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
            ConfigKey.TRAINER_INTERVAL.check(interval);
            ConfigKey.TRAINER_EVERY_TICKS.check(everyTicks);
            ConfigKey.TRAINER_HISTORY_DAYS.check(historyDays);
            InvalidSettingException.check(maxHistoryTicks >= historyDays, ConfigKey.TRAINER_MAX_HISTORY_TICKS,
                    "must be >= " + ConfigKey.TRAINER_HISTORY_DAYS.key() + " (" + historyDays + ")", maxHistoryTicks);
            ConfigKey.TRAINER_VALIDATION_FRACTION.check(validationFraction);
            ConfigKey.TRAINER_MIN_WINDOWS.check(minWindows);
            ConfigKey.TRAINER_DEMOTION_WINDOW.check(demotionWindow);
            ConfigKey.TRAINER_KEEP_VERSIONS.check(keepVersions);
            ConfigKey.TRAINER_CPU_SHARE.check(cpuShare);
        }
    }

    /**
     * How many stream-thread failures an instance takes: a failed thread is replaced, unless it is the
     * {@code limit}-th failure within {@code window}; then the instance stops (it is no longer live).
     */
    public record ThreadFailures(int limit, Duration window) {
        public ThreadFailures {
            ConfigKey.STREAM_THREAD_FAILURE_LIMIT.check(limit);
            ConfigKey.STREAM_THREAD_FAILURE_WINDOW.check(window);
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
            ConfigKey.STREAM_BATCH_MAX_SIZE.check(maxSize);
            ConfigKey.STREAM_BATCH_MAX_DELAY.check(maxDelay);
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
            ConfigKey.CLIENT_TIMEOUT.check(timeout);
            ConfigKey.CLIENT_DELIVERY_TIMEOUT.check(deliveryTimeout);
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

    /**
     * Every setting, with the values of secret Kafka settings ({@code sasl.jaas.config}, {@code *.password},
     * {@code *.key}, ...) hidden, so a config that reaches a log or an error message never carries a credential.
     */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        kafkaOverrides.forEach((k, v) -> shown.put(k, KafkaClientKeys.isSecret(k) ? "[hidden]" : v));
        return "TickcastConfig[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId + ", topics=" + topics
                + ", http=" + http + ", stateDir=" + stateDir + ", streamThreads=" + streamThreads + ", threadFailures="
                + threadFailures + ", batching=" + batching + ", rocksDbMemoryMb=" + rocksDbMemoryMb + ", lstm=" + lstm + ", trainer=" + trainer + ", gate=" + gate + ", intervals=" + intervals
                + ", clients=" + clients + ", kafkaOverrides=" + shown + "]";
    }

    public int windowSize() {
        return lstm.window();
    }

    public static TickcastConfig defaults() {
        return from(EffectiveSettings.defaults());
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
     * client settings (a {@code client.properties} as Kafka's own tools take it). A key's old name still works,
     * with a warning logged that names the new one.
     *
     * @throws IllegalArgumentException naming the file or variable and the nearest valid name, for a key or
     *                                  {@code TICKCAST_*} variable that is not a setting; or naming the key, the value,
     *                                  what is allowed and where it was set, for a value that is not allowed
     */
    public static TickcastConfig load(List<Path> files, Map<String, String> env, Map<String, String> overrides) {
        return from(EffectiveSettings.resolve(files, env, overrides));
    }

    /** The typed configuration of {@code settings}, each value parsed and checked ({@link ConfigKey#parse}). */
    public static TickcastConfig from(EffectiveSettings settings) {
        return ConfigAssembly.build(settings);
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
    private TickcastConfig copy(Consumer<ConfigComponents> change) {
        ConfigComponents c = new ConfigComponents(this);
        change.accept(c);
        return c.build();
    }
}
