package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void boundedClientsWaitNoLongerThanTheTimeoutsAndTheUsersOwnSettingsWin() {
        Properties base = new Properties();
        base.put("bootstrap.servers", "127.0.0.1:9092");
        Properties p = ClientSettings.bounded(base, Duration.ofSeconds(15), Duration.ofMinutes(2));
        assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("max.block.ms", "15000")
                .containsEntry("default.api.timeout.ms", "15000")
                .containsEntry("request.timeout.ms", "7500")
                .containsEntry("delivery.timeout.ms", "120000");
        // a request must fit into the delivery timeout, retries into the timeout
        assertThat(ClientSettings.bounded(base, Duration.ofSeconds(15), Duration.ofSeconds(3)))
                .containsEntry("request.timeout.ms", "1500");
        assertThat(ClientSettings.bounded(base, Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .containsEntry("request.timeout.ms", "30000");
        base.put("request.timeout.ms", "20000");
        assertThat(ClientSettings.bounded(base, Duration.ofSeconds(15), Duration.ofMinutes(2)))
                .containsEntry("request.timeout.ms", "20000");
    }
}
