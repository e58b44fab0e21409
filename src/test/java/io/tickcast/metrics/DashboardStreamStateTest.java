package io.tickcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.records.Json;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The dashboard shows the stream's state by name, not as the raw number Kafka exports. */
class DashboardStreamStateTest {

    @Test
    void everyClientStateNumberIsMappedToItsName() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Path.of("docker/grafana/dashboards/tickcast.json").toFile());
        JsonNode panel = null;
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("targets").toString().contains("kafka_stream_client_state")) {
                panel = p;
            }
        }
        assertThat(panel).as("a panel shows kafka_stream_client_state").isNotNull();
        String stateRef = null;
        for (JsonNode t : panel.path("targets")) {
            if (t.path("expr").asText().contains("kafka_stream_client_state")) {
                stateRef = t.path("refId").asText();
            }
        }
        JsonNode options = null;
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if (o.path("matcher").path("options").asText().equals(stateRef)) {
                for (JsonNode prop : o.path("properties")) {
                    if (prop.path("id").asText().equals("mappings")) {
                        options = prop.path("value").get(0).path("options");
                    }
                }
            }
        }
        assertThat(options).as("value mappings on the state query only (not on the thread count)").isNotNull();
        // Kafka exports the state as KafkaStreams.State's ordinal
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            assertThat(options.path(Integer.toString(s.ordinal())).path("text").asText()).isEqualTo(s.name());
        }
    }
}
