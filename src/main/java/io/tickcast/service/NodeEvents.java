package io.tickcast.service;

import io.tickcast.registry.RegistryEvents;
import io.tickcast.topology.StreamEvents;
import io.tickcast.training.TrainingEvents;

/** Where a node's components report what happens (the metrics package supplies real ones). */
public record NodeEvents(StreamEvents stream, RegistryEvents registry, TrainingEvents training) {

    public static final NodeEvents NONE = new NodeEvents(StreamEvents.NONE, RegistryEvents.NONE, TrainingEvents.NONE);
}
