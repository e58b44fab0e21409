package io.tickcast.config;

import java.util.Map;

import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmConfig;

/**
 * The components of a {@link TickcastConfig}, to change some and build a new one: the one place besides the record
 * itself that lists them all (for the record's {@code with...} methods).
 */
final class ConfigComponents {
    String bootstrapServers;
    String applicationId;
    TickcastConfig.Topics topics;
    TickcastConfig.Http http;
    String stateDir;
    int streamThreads;
    TickcastConfig.ThreadFailures threadFailures;
    TickcastConfig.Batching batching;
    int rocksDbMemoryMb;
    LstmConfig lstm;
    TickcastConfig.Trainer trainer;
    GateSettings gate;
    TickcastConfig.Intervals intervals;
    TickcastConfig.Clients clients;
    Map<String, String> kafkaOverrides;
    TickcastConfig.LiveEvidence evidence;

    ConfigComponents(TickcastConfig c) {
        bootstrapServers = c.bootstrapServers();
        applicationId = c.applicationId();
        topics = c.topics();
        http = c.http();
        stateDir = c.stateDir();
        streamThreads = c.streamThreads();
        threadFailures = c.threadFailures();
        batching = c.batching();
        rocksDbMemoryMb = c.rocksDbMemoryMb();
        lstm = c.lstm();
        trainer = c.trainer();
        gate = c.gate();
        intervals = c.intervals();
        clients = c.clients();
        kafkaOverrides = c.kafkaOverrides();
        evidence = c.evidence();
    }

    TickcastConfig build() {
        return new TickcastConfig(bootstrapServers, applicationId, topics, http, stateDir, streamThreads, threadFailures,
                batching, rocksDbMemoryMb, lstm, trainer, gate, intervals, clients, kafkaOverrides, evidence);
    }
}
