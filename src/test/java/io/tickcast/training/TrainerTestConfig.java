package io.tickcast.training;

import java.util.List;
import java.util.HashMap;
import java.util.Map;

import io.tickcast.config.TickcastConfig;

/**
 * Settings for the trainer's integration tests: a real broker, a trainer that trains on its own only while no
 * model exists (then when a test asks), on as little history as a test publishes, and HTTP on a free loopback port.
 */
final class TrainerTestConfig {

    private TrainerTestConfig() {
    }

    /** @param more further settings, winning over these */
    static TickcastConfig of(String bootstrapServers, String applicationId, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "application.id", applicationId,
                "trainer.interval", "PT0S",
                "trainer.every-ticks", "0",
                "trainer.min-windows", "50",
                "http.host", "127.0.0.1",
                "http.port", "0"));
        settings.putAll(more);
        return TickcastConfig.load(List.of(), Map.of(), settings);
    }
}
