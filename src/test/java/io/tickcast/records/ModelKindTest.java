package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The model kind is an enum in Java and {@code lstm} or {@code naive} on the topics (a contract). */
class ModelKindTest {

    @Test
    void eachKindIsItsLabel() throws Exception {
        assertThat(ModelKind.LSTM.label()).isEqualTo("lstm").isEqualTo(Forecast.MODEL_LSTM);
        assertThat(ModelKind.NAIVE.label()).isEqualTo("naive").isEqualTo(Forecast.MODEL_NAIVE);
        for (ModelKind k : ModelKind.values()) {
            assertThat(ModelKind.of(k.label())).isSameAs(k);
            assertThat(Json.MAPPER.writeValueAsString(k)).isEqualTo("\"" + k.label() + "\"");
        }
        assertThatThrownBy(() -> ModelKind.of("arima")).isInstanceOf(UnknownLabelException.class)
                .hasMessage("unknown kind 'arima' (lstm or naive)");
    }

    @Test
    void aForecastSaysWhichKindMadeItAndItsJsonKeepsTheLabel() throws Exception {
        Forecast lstm = forecast("lstm");
        assertThat(lstm.madeBy(ModelKind.LSTM)).isTrue();
        assertThat(lstm.madeBy(ModelKind.NAIVE)).isFalse();
        assertThat(forecast("naive").madeBy(ModelKind.NAIVE)).isTrue();
        Forecast other = forecast("arima"); // a label from elsewhere: made by neither, and still read
        assertThat(other.madeBy(ModelKind.LSTM) || other.madeBy(ModelKind.NAIVE)).isFalse();
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(lstm));
        assertThat(json.path("model").asText()).isEqualTo("lstm");
        assertThat(json.has("madeBy")).isFalse();
    }

    private static Forecast forecast(String model) {
        return new Forecast("DAX", LocalDate.of(1998, 8, 20), 1, 5000, 5010, model, 3, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
