package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The forecast record's {@code intervals} field is additive: old records and old consumers keep working. */
class ForecastContractTest {

    private static final Forecast WITH_INTERVALS = new Forecast("DAX", LocalDate.of(1998, 8, 20), 1, 5000, 5010,
            "lstm", 3, Instant.parse("2026-01-01T00:00:00Z"),
            List.of(new Interval(0.8, 4950, 5070), new Interval(0.95, 4900, 5120)));

    /** How a consumer written before intervals existed models a forecast. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OldConsumerForecast(String symbol, LocalDate asOf, int horizon, double lastClose, double forecastClose,
                               String model, long modelVersion, Instant producedAt) {
    }

    @Test
    void intervalsAreWrittenAsAListOfLevelLowerUpper() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(WITH_INTERVALS));
        assertThat(json.path("intervals").isArray()).isTrue();
        assertThat(json.path("intervals").get(0).path("level").asDouble()).isEqualTo(0.8);
        assertThat(json.path("intervals").get(0).path("lower").asDouble()).isEqualTo(4950);
        assertThat(json.path("intervals").get(1).path("upper").asDouble()).isEqualTo(5120);
        assertThat(json.path("intervals").get(0).size()).as("level, lower, upper only").isEqualTo(3);
        // the fields every consumer already reads are unchanged
        assertThat(json.path("forecastClose").asDouble()).isEqualTo(5010);
        assertThat(json.path("asOf").asText()).isEqualTo("1998-08-20");
        assertThat(JsonSerde.of(Forecast.class).deserializer().deserialize("t",
                JsonSerde.of(Forecast.class).serializer().serialize("t", WITH_INTERVALS))).isEqualTo(WITH_INTERVALS);
    }

    @Test
    void aForecastWithoutIntervalsFromAnOlderBuildStillReads() {
        String old = "{\"symbol\":\"DAX\",\"asOf\":\"1998-08-20\",\"horizon\":1,\"lastClose\":5000.0,"
                + "\"forecastClose\":5000.0,\"model\":\"naive\",\"modelVersion\":0,\"producedAt\":\"2026-01-01T00:00:00Z\"}";
        Forecast f = JsonSerde.of(Forecast.class).deserializer().deserialize("forecasts", old.getBytes());
        assertThat(f.intervals()).isEmpty();
        assertThat(f.forecastClose()).isEqualTo(5000.0);
    }

    @Test
    void aConsumerThatDoesNotKnowIntervalsReadsANewForecast() throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(WITH_INTERVALS);
        OldConsumerForecast old = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .readValue(bytes, OldConsumerForecast.class);
        assertThat(old.forecastClose()).isEqualTo(5010);
        assertThat(old.model()).isEqualTo("lstm");
        assertThat(old.modelVersion()).isEqualTo(3);
    }
}
