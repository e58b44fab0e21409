package io.tickcast.cli;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.demo.ForecastLine;
import io.tickcast.records.Forecast;
import io.tickcast.records.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Forecasts as {@code consume} has always shown them: {@link ForecastLine}'s table, or the forecast's JSON. */
final class ForecastView implements RecordView {

    @Override
    public String header() {
        return ForecastLine.header();
    }

    @Override
    public String row(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ForecastLine.format(decode(record));
        } catch (IOException e) {
            return "not a forecast (" + firstLine(e) + "): " + RecordBytes.shown(record.value(), 80);
        }
    }

    @Override
    public JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.MAPPER.valueToTree(decode(record));
        } catch (IOException e) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("notAForecast", firstLine(e));
            o.set("value", RecordBytes.json(record.value()));
            return o;
        }
    }

    private static Forecast decode(ConsumerRecord<byte[], byte[]> record) throws IOException {
        if (record.value() == null) {
            throw new IOException("a null value");
        }
        return Json.MAPPER.readValue(record.value(), Forecast.class);
    }

    private static String firstLine(IOException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
    }
}
