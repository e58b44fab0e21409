package io.tickcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.tickcast.records.ModelKind;
import io.tickcast.records.RejectReason;
import io.tickcast.topology.PriceWindow;
import io.tickcast.topology.StreamEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters without a broker: registered up front, moved by the methods, bounded labels. */
class TickcastMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TickcastMetrics metrics = new TickcastMetrics(Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        metrics.close();
    }

    private PrometheusText scrape() {
        TickcastMetrics.Scrape s = metrics.scrape(null);
        assertThat(s.contentType()).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(new String(s.body(), StandardCharsets.UTF_8));
    }

    @Test
    void everySeriesIsThereAtZeroBeforeAnythingHappens() {
        PrometheusText p = scrape();
        for (String outcome : new String[] {"appended", "corrected"}) {
            assertThat(p.get("tickcast_ticks_total", "outcome", outcome, "reason", "none")).isZero();
        }
        for (RejectReason r : RejectReason.values()) {
            assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", r.code())).isZero();
            assertThat(p.get("tickcast_dead_letters_total", "reason", r.code())).isZero();
        }
        for (String model : TickcastMetrics.MODEL_KINDS) {
            assertThat(p.get("tickcast_forecasts_total", "model", model)).isZero();
            assertThat(p.get("tickcast_inference_seconds_count", "model", model)).isZero();
            assertThat(p.get("tickcast_inference_seconds_bucket", "model", model, "le", "1.0E-4")).isZero();
        }
        // live accuracy: the naive forecast's series at once, a model's as soon as it is installed
        assertAccuracySeriesAtZero(p, "naive", "0");
        assertThat(p.value("tickcast_scored_forecasts_total", java.util.Map.of("model", "lstm"))).isEmpty();
        metrics.modelInstalled(3, NOW);
        assertAccuracySeriesAtZero(scrape(), "lstm", "3");
        for (String outcome : TickcastMetrics.TRAINING_OUTCOMES) {
            assertThat(p.get("tickcast_training_runs_total", "outcome", outcome)).isZero();
        }
        for (String reason : TickcastMetrics.REJECTION_REASONS) {
            assertThat(p.get("tickcast_model_rejected_total", "reason", reason)).isZero();
        }
        assertThat(p.get("tickcast_training_duration_seconds_count")).isZero();
        assertThat(p.get("tickcast_training_validation_rmse_ratio")).isNaN();
        assertThat(p.get("tickcast_model_version")).isZero();
        assertThat(p.get("tickcast_inference_failures_total")).isZero();
        assertThat(p.get("tickcast_model_age_seconds")).isNaN();
        assertThat(p.get("tickcast_window_store_entries")).as("no stream bound").isNaN();
        // JVM and process binders
        assertThat(p.names()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "process_cpu_usage", "system_cpu_count", "jvm_gc_memory_allocated_bytes_total",
                "jvm_gc_overhead");
    }

    @Test
    void eachDeadLetterReasonCountsUnderItsOwnLabelAndNoOther() {
        StreamEvents events = metrics.streamEvents();
        RejectReason[] reasons = RejectReason.values();
        for (int i = 0; i < reasons.length; i++) {
            for (int n = 0; n <= i; n++) {
                events.tickRejected(reasons[i]);   // reason i counted i + 1 times
            }
        }
        PrometheusText p = scrape();
        for (int i = 0; i < reasons.length; i++) {
            assertThat(p.get("tickcast_dead_letters_total", "reason", reasons[i].code())).as(reasons[i].code()).isEqualTo(i + 1);
            assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", reasons[i].code())).isEqualTo(i + 1);
        }
        // the label set is the enum: one series per reason, however many ticks are rejected
        assertThat(p.samples()).filteredOn(s -> s.name().equals("tickcast_dead_letters_total")).hasSize(reasons.length);
    }

    @Test
    void streamEventsMoveTheirSeries() {
        StreamEvents events = metrics.streamEvents();
        events.tickAccepted(PriceWindow.Outcome.APPENDED);
        events.tickAccepted(PriceWindow.Outcome.APPENDED);
        events.tickAccepted(PriceWindow.Outcome.CORRECTED);
        events.tickRejected(RejectReason.OUT_OF_ORDER);
        events.tickRejected(RejectReason.MALFORMED_JSON);
        events.tickRejected(RejectReason.MALFORMED_JSON);
        events.forecastMade(ModelKind.LSTM, 3, TimeUnit.MICROSECONDS.toNanos(120));
        events.forecastMade(ModelKind.NAIVE, 0, 800);
        events.forecastMade(ModelKind.NAIVE, 0, 900);
        PrometheusText p = scrape();
        assertThat(p.get("tickcast_ticks_total", "outcome", "appended", "reason", "none")).isEqualTo(2);
        assertThat(p.get("tickcast_ticks_total", "outcome", "corrected", "reason", "none")).isEqualTo(1);
        assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", "out-of-order")).isEqualTo(1);
        assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", "malformed-json")).isEqualTo(2);
        assertThat(p.get("tickcast_ticks_total", "outcome", "dead_lettered", "reason", "bad-date")).isZero();
        assertThat(p.get("tickcast_dead_letters_total", "reason", "malformed-json")).isEqualTo(2);
        assertThat(p.get("tickcast_forecasts_total", "model", "lstm")).isEqualTo(1);
        assertThat(p.get("tickcast_forecasts_total", "model", "naive")).isEqualTo(2);
        assertThat(p.get("tickcast_inference_seconds_sum", "model", "lstm")).isCloseTo(120e-6, within(1e-9));
        // 120 us falls in the 250 us bucket, not in the 100 us one
        assertThat(p.get("tickcast_inference_seconds_bucket", "model", "lstm", "le", "1.0E-4")).isZero();
        assertThat(p.get("tickcast_inference_seconds_bucket", "model", "lstm", "le", "2.5E-4")).isEqualTo(1);
        assertThat(p.get("tickcast_inference_seconds_bucket", "model", "naive", "le", "1.0E-5")).isEqualTo(2);
    }

    @Test
    void trainingAndModelMethodsMoveTheirSeries() {
        metrics.trainingRun("promoted", Duration.ofSeconds(3), 0.97);
        metrics.trainingRun("rejected", Duration.ofSeconds(4), 1.02);
        metrics.trainingRun("rejected", Duration.ofMillis(500), 1.05);
        metrics.modelInstalled(4, NOW.minusSeconds(90));
        metrics.modelRejected("damaged");
        metrics.modelRejected("damaged");
        metrics.modelRejected("malformed");
        PrometheusText p = scrape();
        assertThat(p.get("tickcast_training_runs_total", "outcome", "promoted")).isEqualTo(1);
        assertThat(p.get("tickcast_training_runs_total", "outcome", "rejected")).isEqualTo(2);
        assertThat(p.get("tickcast_training_runs_total", "outcome", "failed")).isZero();
        assertThat(p.get("tickcast_training_duration_seconds_count")).isEqualTo(3);
        assertThat(p.get("tickcast_training_duration_seconds_sum")).isCloseTo(7.5, within(1e-9));
        assertThat(p.get("tickcast_training_duration_seconds_bucket", "le", "1.0")).isEqualTo(1);
        assertThat(p.get("tickcast_training_duration_seconds_bucket", "le", "5.0")).isEqualTo(3);
        assertThat(p.get("tickcast_training_validation_rmse_ratio")).isEqualTo(1.05);
        assertThat(p.get("tickcast_model_version")).isEqualTo(4);
        assertThat(p.get("tickcast_model_age_seconds")).isEqualTo(90);
        assertThat(p.get("tickcast_model_rejected_total", "reason", "damaged")).isEqualTo(2);
        assertThat(p.get("tickcast_model_rejected_total", "reason", "malformed")).isEqualTo(1);
        assertThat(p.get("tickcast_model_rejected_total", "reason", "incompatible")).isZero();
    }

    private static void assertAccuracySeriesAtZero(PrometheusText p, String model, String version) {
        assertThat(p.get("tickcast_scored_forecasts_total", "model", model, "version", version)).isZero();
        assertThat(p.get("tickcast_direction_hits_total", "model", model, "version", version)).isZero();
        for (String summary : new String[] {"tickcast_forecast_squared_error", "tickcast_naive_squared_error",
            "tickcast_forecast_absolute_error", "tickcast_naive_absolute_error"}) {
            assertThat(p.get(summary + "_sum", "model", model, "version", version)).isZero();
            assertThat(p.get(summary + "_count", "model", model, "version", version)).isZero();
        }
    }

    @Test
    void scoresGiveLiveRmseRatioAndHitRatePerModelVersion() {
        metrics.forecastScored("lstm", 3, 2, 4, 1, 1, true);
        metrics.forecastScored("lstm", 3, 4, 16, 3, 9, false);
        metrics.forecastScored("lstm", 4, 1, 1, 2, 4, true);
        metrics.forecastScored("naive", 0, 1, 1, 1, 1, true);
        metrics.forecastScored("lstm", 3, Double.NaN, 1, 1, 1, true); // dropped
        PrometheusText p = scrape();
        assertThat(p.get("tickcast_scored_forecasts_total", "model", "lstm", "version", "3")).isEqualTo(2);
        assertThat(p.get("tickcast_direction_hits_total", "model", "lstm", "version", "3")).isEqualTo(1);
        assertThat(p.get("tickcast_scored_forecasts_total", "model", "lstm", "version", "4")).isEqualTo(1);
        assertThat(p.get("tickcast_scored_forecasts_total", "model", "naive", "version", "0")).isEqualTo(1);
        // v3: squared errors 4 + 16 against naive's 1 + 9
        double ratio = Math.sqrt(p.get("tickcast_forecast_squared_error_sum", "model", "lstm", "version", "3")
                / p.get("tickcast_naive_squared_error_sum", "model", "lstm", "version", "3"));
        assertThat(ratio).isCloseTo(Math.sqrt(20.0 / 10.0), within(1e-12));
        assertThat(p.get("tickcast_forecast_absolute_error_sum", "model", "lstm", "version", "3")).isEqualTo(6);
        assertThat(p.get("tickcast_naive_absolute_error_sum", "model", "lstm", "version", "3")).isEqualTo(4);
        assertThat(p.get("tickcast_forecast_squared_error_count", "model", "lstm", "version", "3")).isEqualTo(2);
    }

    @Test
    void onlyTheNewestModelVersionsKeepTheirAccuracySeries() {
        for (long v = 1; v <= TickcastMetrics.SCORED_VERSIONS_KEPT + 3; v++) {
            metrics.forecastScored("lstm", v, 1, 1, 1, 1, true);
        }
        PrometheusText p = scrape();
        long lstmSeries = p.withPrefix("tickcast_scored_forecasts_total").stream()
                .filter(x -> "lstm".equals(x.labels().get("model"))).count();
        assertThat(lstmSeries).isEqualTo(TickcastMetrics.SCORED_VERSIONS_KEPT);
        assertThat(p.value("tickcast_scored_forecasts_total", java.util.Map.of("model", "lstm", "version", "1"))).isEmpty();
        assertThat(p.get("tickcast_scored_forecasts_total", "model", "lstm", "version",
                Long.toString(TickcastMetrics.SCORED_VERSIONS_KEPT + 3))).isEqualTo(1);
    }

    @Test
    void labelsStayBounded() {
        metrics.trainingRun("exploded", Duration.ofSeconds(1), Double.NaN);
        metrics.forecastScored("arima", 1, 1, 1, 1, 1, true);
        for (int i = 0; i < 20; i++) {
            metrics.modelRejected("reason-" + i);
        }
        PrometheusText p = scrape();
        assertThat(p.get("tickcast_training_runs_total", "outcome", "other")).isEqualTo(1);
        assertThat(p.get("tickcast_training_validation_rmse_ratio")).isNaN();
        assertThat(p.get("tickcast_scored_forecasts_total", "model", "other", "version", "1")).isEqualTo(1);
        // the known reasons and "other": unknown reasons never add a series
        assertThat(p.withPrefix("tickcast_model_rejected_total")).hasSize(TickcastMetrics.REJECTION_REASONS.size() + 1);
        assertThat(p.get("tickcast_model_rejected_total", "reason", "other")).isEqualTo(20);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() {
        TickcastMetrics.Scrape s = metrics.scrape("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(s.contentType()).startsWith("application/openmetrics-text");
        assertThat(new String(s.body(), StandardCharsets.UTF_8)).contains("# TYPE tickcast_ticks counter").endsWith("# EOF\n");
    }
}
