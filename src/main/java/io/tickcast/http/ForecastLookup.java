package io.tickcast.http;

import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.topology.ForecastTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds a symbol's latest forecast through interactive queries on the {@link ForecastTopology#LATEST_FORECASTS}
 * store, with its evidence from the {@link ForecastTopology#SYMBOL_EVIDENCE} store of the same partition: here if this
 * instance owns the symbol's partition, else the name of the instance that does. {@link #localEvidence} lists the
 * evidence of every symbol this instance owns.
 */
final class ForecastLookup {

    /** What a lookup found. */
    sealed interface Result permits Found, Unknown, Elsewhere, Unavailable {
    }

    /** The forecast, and the symbol's evidence about the challenger (null if none is kept yet). */
    record Found(Forecast forecast, SymbolEvidence evidence) implements Result {
    }

    /** This instance owns the symbol and has no forecast for it. */
    record Unknown() implements Result {
    }

    /** Another instance owns the symbol. */
    record Elsewhere(HostInfo owner) implements Result {
    }

    /** The store cannot be queried now (not running, rebalancing, migrating). */
    record Unavailable(String reason) implements Result {
    }

    private ForecastLookup() {
    }

    /** Every symbol's evidence in this instance's active tasks, or null if the store cannot be queried now. */
    static java.util.Map<String, SymbolEvidence> localEvidence(KafkaStreams streams) {
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        try {
            return ForecastTopology.localEvidence(streams);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * @param self this instance's application.server, or null if it has none (then everything is local)
     */
    static Result find(KafkaStreams streams, HostInfo self, String symbol) {
        if (streams == null) {
            return new Unavailable("the Kafka Streams client is not created yet");
        }
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new Unavailable("the Kafka Streams client is " + state);
        }
        try {
            KeyQueryMetadata where = streams.queryMetadataForKey(ForecastTopology.LATEST_FORECASTS, symbol,
                    Serdes.String().serializer());
            if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where)) {
                return new Unavailable("the owner of " + symbol + " is not known yet (rebalancing)");
            }
            HostInfo owner = where.activeHost();
            if (self != null && !self.equals(owner)) {
                return new Elsewhere(owner);
            }
            ReadOnlyKeyValueStore<String, Forecast> store = streams.store(StoreQueryParameters
                    .fromNameAndType(ForecastTopology.LATEST_FORECASTS, QueryableStoreTypes.<String, Forecast>keyValueStore())
                    .withPartition(where.partition()));
            Forecast forecast = store.get(symbol);
            if (forecast == null) {
                return new Unknown();
            }
            ReadOnlyKeyValueStore<String, SymbolEvidence> evidence = streams.store(StoreQueryParameters
                    .fromNameAndType(ForecastTopology.SYMBOL_EVIDENCE, QueryableStoreTypes.<String, SymbolEvidence>keyValueStore())
                    .withPartition(where.partition()));
            return new Found(forecast, evidence.get(symbol));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return new Unavailable("the store is not queryable now: " + e.getMessage());
        }
    }
}
