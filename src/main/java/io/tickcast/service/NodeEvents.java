package io.tickcast.service;

import java.time.Instant;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.topology.StreamEvents;
import io.tickcast.training.TrainingEvents;

/** Where a node's components report what happens: the metrics. */
record NodeEvents(StreamEvents stream, RegistryEvents registry, TrainingEvents training) {

    static NodeEvents of(TickcastMetrics metrics) {
        RegistryEvents registry = new RegistryEvents() {
            @Override
            public void modelInstalled(long version, Instant createdAt) {
                metrics.modelInstalled(version, createdAt);
            }

            @Override
            public void modelRejected(String reason) {
                metrics.modelRejected(reason);
            }

            @Override
            public void registryReadFailed() {
                metrics.lifecycle().registryReadFailed();
            }
        };
        return new NodeEvents(metrics.streamEvents(), registry, metrics.lifecycle());
    }
}
