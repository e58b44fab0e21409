/**
 * The service's HTTP side, served by Javalin: Prometheus metrics, liveness and readiness probes, and the
 * latest forecast per symbol through Kafka Streams interactive queries ({@link io.tickcast.http.HttpEndpoint}).
 */
package io.tickcast.http;
