package io.tickcast.service;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.topology.StreamEvents;
import io.tickcast.training.TrainingEvents;

/** Where a node's components report what happens: the metrics. */
record NodeEvents(StreamEvents stream, RegistryEvents registry, TrainingEvents training) {

    static NodeEvents of(TickcastMetrics metrics) {
        return new NodeEvents(metrics.streamEvents(), metrics.registryEvents(), metrics.lifecycle());
    }
}
