package io.tickcast.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.Multiplicity;
import io.tickcast.evidence.ServingDecision;
import io.tickcast.gate.GateSettings;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;

/**
 * The typed configuration from settings as given: each key's value parsed by its type and checked by its rule
 * ({@link ConfigKey#parse}), then put where it acts. An error names the key, the value, what is allowed and where
 * the value was set.
 */
final class ConfigAssembly {

    private final EffectiveSettings settings;

    private ConfigAssembly(EffectiveSettings settings) {
        this.settings = settings;
    }

    static TickcastConfig build(EffectiveSettings settings) {
        try {
            return new ConfigAssembly(settings).build();
        } catch (InvalidSettingException e) {
            throw e.from(settings.get(e.key()).origin());
        }
    }

    private TickcastConfig build() {
        for (ConfigKey k : ConfigKey.values()) {
            value(k);   // every key, read or not below, is checked
        }
        Map<String, String> kafka = new TreeMap<>();
        settings.kafka().forEach((k, s) -> kafka.put(k, s.value()));
        return new TickcastConfig(
                text(ConfigKey.BOOTSTRAP_SERVERS),
                text(ConfigKey.APPLICATION_ID),
                new TickcastConfig.Topics(text(ConfigKey.TOPIC_TICKS), text(ConfigKey.TOPIC_FORECASTS),
                        text(ConfigKey.TOPIC_DEAD_LETTER), text(ConfigKey.TOPIC_MODELS)),
                new TickcastConfig.Http(text(ConfigKey.HTTP_HOST), integer(ConfigKey.HTTP_PORT), text(ConfigKey.HTTP_ADVERTISED_HOST)),
                text(ConfigKey.STATE_DIR),
                integer(ConfigKey.STREAM_THREADS),
                new TickcastConfig.ThreadFailures(integer(ConfigKey.STREAM_THREAD_FAILURE_LIMIT),
                        duration(ConfigKey.STREAM_THREAD_FAILURE_WINDOW)),
                new TickcastConfig.Batching(integer(ConfigKey.STREAM_BATCH_MAX_SIZE), duration(ConfigKey.STREAM_BATCH_MAX_DELAY)),
                integer(ConfigKey.STREAM_ROCKSDB_MEMORY_MB),
                lstm(),
                trainer(),
                new GateSettings(decimal(ConfigKey.GATE_LEVEL), integer(ConfigKey.GATE_MIN_WINDOWS), decimal(ConfigKey.GATE_MARGIN)),
                new TickcastConfig.Intervals(new IntervalSettings(decimals(ConfigKey.INTERVAL_LEVELS),
                        decimal(ConfigKey.INTERVAL_HALF_LIFE), decimal(ConfigKey.INTERVAL_ADAPT_RATE)),
                        decimal(ConfigKey.GATE_COVERAGE_TOLERANCE)),
                new TickcastConfig.Clients(duration(ConfigKey.CLIENT_TIMEOUT), duration(ConfigKey.CLIENT_DELIVERY_TIMEOUT)),
                Map.copyOf(kafka),
                evidence());
    }

    private LstmConfig lstm() {
        return new LstmConfig(integer(ConfigKey.LSTM_WINDOW_SIZE), integer(ConfigKey.LSTM_LAYERS), integer(ConfigKey.LSTM_HIDDEN),
                decimal(ConfigKey.LSTM_LEARNING_RATE), integer(ConfigKey.LSTM_EPOCHS), integer(ConfigKey.LSTM_BATCH_SIZE),
                (Long) value(ConfigKey.LSTM_SEED));
    }

    private TickcastConfig.Trainer trainer() {
        return new TickcastConfig.Trainer(duration(ConfigKey.TRAINER_INTERVAL), (Long) value(ConfigKey.TRAINER_EVERY_TICKS),
                integer(ConfigKey.TRAINER_HISTORY_DAYS), (Long) value(ConfigKey.TRAINER_MAX_HISTORY_TICKS),
                decimal(ConfigKey.TRAINER_VALIDATION_FRACTION), integer(ConfigKey.TRAINER_MIN_WINDOWS),
                integer(ConfigKey.TRAINER_DEMOTION_WINDOW), integer(ConfigKey.TRAINER_KEEP_VERSIONS),
                decimal(ConfigKey.TRAINER_CPU_SHARE));
    }

    private TickcastConfig.LiveEvidence evidence() {
        ServingDecision decision = ServingDecision.of(text(ConfigKey.EVIDENCE_DECISION)).orElseThrow();
        Multiplicity multiplicity = Multiplicity.of(text(ConfigKey.EVIDENCE_MULTIPLICITY)).orElseThrow();
        EvidenceSettings evidence = new EvidenceSettings(decimal(ConfigKey.EVIDENCE_ALPHA), decimal(ConfigKey.EVIDENCE_MARGIN),
                decimal(ConfigKey.EVIDENCE_LOSS_BOUND), EvidenceSettings.DEFAULT_BETS);
        return new TickcastConfig.LiveEvidence(decision, evidence, multiplicity);
    }

    private Object value(ConfigKey k) {
        return k.parse(settings.get(k).value());
    }

    private String text(ConfigKey k) {
        return (String) value(k);
    }

    private int integer(ConfigKey k) {
        return (Integer) value(k);
    }

    private double decimal(ConfigKey k) {
        return (Double) value(k);
    }

    private Duration duration(ConfigKey k) {
        return (Duration) value(k);
    }

    @SuppressWarnings("unchecked")
    private List<Double> decimals(ConfigKey k) {
        return (List<Double>) value(k);
    }
}
