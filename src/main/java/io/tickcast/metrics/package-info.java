/**
 * Metrics: the Micrometer registry with its Prometheus exposition ({@link io.tickcast.metrics.TickcastMetrics}),
 * the stream's events as meters ({@link io.tickcast.metrics.MicrometerStreamEvents}), and the Kafka Streams,
 * JVM and process binders. Every tickcast meter is registered up front with all its label values, so
 * dashboards always have the series; no label carries a symbol (bounded cardinality).
 */
package io.tickcast.metrics;
