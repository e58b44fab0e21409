package io.tickcast.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the forecasting topology:
 * <pre>
 * ticks ─► parse ─┬─ invalid ─────────────────────────────────────────────► dead letters
 *                 └─ valid ─► key by symbol ─► repartition ─► window store ─┬─► latest forecast store ─► forecasts
 *                                                                          └─► dead letters (out of order)
 * </pre>
 * The window step keeps four changelogged stores per symbol, all written in one exactly-once transaction per tick:
 * the window, the latest forecast, the tick waiting for its forecast, and the evidence that decides whether the
 * challenger or naive serves the symbol ({@link EvidenceKeeper}).
 * A plain factory: tests hand its result to TopologyTestDriver.
 */
public final class ForecastTopology {

    /** Name of the per-symbol window store (changelogged). */
    public static final String WINDOW_STORE = "price-windows";
    /**
     * Name of the per-symbol store of the newest forecast (changelogged): read by interactive queries, and the
     * forecast the symbol's next tick scores against its actual close.
     */
    public static final String LATEST_FORECASTS = "latest-forecasts";
    /**
     * Name of the per-symbol store of ticks whose forecast has not gone out yet (in memory, changelogged): see
     * {@link PendingForecasts}.
     */
    public static final String PENDING_FORECASTS = "pending-forecasts";
    /**
     * Name of the per-symbol store of the live evidence about the challenger against naive, which decides who serves
     * the symbol (changelogged): see {@link EvidenceKeeper}.
     */
    public static final String SYMBOL_EVIDENCE = "symbol-evidence";
    /** Name of the repartition step; its topic is {@code <application.id>-ticks-by-symbol-repartition}. */
    public static final String BY_SYMBOL = "ticks-by-symbol";

    private ForecastTopology() {
    }

    /**
     * Every symbol's evidence in the {@link #SYMBOL_EVIDENCE} stores of {@code streams}' active tasks here, by symbol
     * (an interactive query).
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the stores cannot be queried
     */
    public static Map<String, SymbolEvidence> localEvidence(KafkaStreams streams) {
        Map<String, SymbolEvidence> out = new TreeMap<>();
        try (KeyValueIterator<String, SymbolEvidence> all = streams.store(StoreQueryParameters.fromNameAndType(
                SYMBOL_EVIDENCE, QueryableStoreTypes.<String, SymbolEvidence>keyValueStore())).all()) {
            all.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    public static Topology build(TickcastConfig config, ModelSlot slot, Clock clock, StreamEvents events) {
        TickcastConfig.Topics topics = config.topics();
        Serde<Forecast> forecastSerde = JsonSerde.of(Forecast.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), JsonSerde.of(PriceWindow.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LATEST_FORECASTS), Serdes.String(), forecastSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SYMBOL_EVIDENCE), Serdes.String(), SymbolEvidenceSerde.serde()));
        // cached: a tick marked and forecast within one commit interval costs the changelog one tombstone, not two records
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PENDING_FORECASTS), Serdes.String(), JsonSerde.of(PendingForecast.class))
                .withCachingEnabled());

        KStream<byte[], ParsedEnvelope> parsed = builder
                .stream(topics.ticks(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ticks"))
                .processValues(TickParsingProcessor::new, Named.as("parse"));

        var byValidity = parsed.split(Named.as("tick-"))
                .branch((k, v) -> v.parsed().isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        byValidity.get("tick-invalid")
                .mapValues(ParsedEnvelope::toDeadLetter, Named.as("invalid-to-dead-letter"))
                .processValues(() -> new DeadLetterProcessor<>(events), Named.as("dead-letter-invalid"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters-invalid"));

        KStream<String, WindowResult> results = byValidity.get("tick-valid")
                .selectKey((k, v) -> v.parsed().tick().symbol(), Named.as("key-by-symbol"))
                .mapValues(ParsedEnvelope::original, Named.as("original-bytes"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(BY_SYMBOL))
                .process(() -> new WindowProcessor(config.windowSize(), slot, clock, events,
                                config.intervals().settings(), config.batching(), config.evidence()),
                        Named.as(WindowProcessor.PROCESSOR_NAME), WINDOW_STORE, LATEST_FORECASTS, PENDING_FORECASTS,
                        SYMBOL_EVIDENCE);

        results.filter((k, v) -> v.forecast() != null, Named.as("forecasts-only"))
                .mapValues(WindowResult::forecast, Named.as("forecast"))
                .to(topics.forecasts(), Produced.with(Serdes.String(), forecastSerde).withName("forecasts"));

        results.filter((k, v) -> v.deadLetter() != null, Named.as("dead-letters-only"))
                .mapValues(WindowResult::deadLetter, Named.as("dead-letter"))
                .processValues(() -> new DeadLetterProcessor<>(events), Named.as("dead-letter-out-of-order"))
                .selectKey((k, v) -> k.getBytes(StandardCharsets.UTF_8), Named.as("symbol-key-bytes"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters-out-of-order"));

        return builder.build();
    }
}
