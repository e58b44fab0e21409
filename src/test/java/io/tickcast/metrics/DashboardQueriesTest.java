package io.tickcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(DashboardQueries.metricNames(
                "histogram_quantile(0.99, sum by (le, model) (rate(tickcast_inference_seconds_bucket{job=~\"$job\",model!=\"x\"}[$__rate_interval])))"))
                .containsExactly("tickcast_inference_seconds_bucket");
        assertThat(DashboardQueries.metricNames(
                "sqrt(sum by (model) (rate(tickcast_forecast_squared_error_sum[1h])) / sum by (model) (rate(tickcast_naive_squared_error_sum[1h]))) > bool 1e3"))
                .containsExactly("tickcast_forecast_squared_error_sum", "tickcast_naive_squared_error_sum");
        assertThat(DashboardQueries.metricNames("max without (partition) (kafka_consumer_fetch_manager_records_lag_max) offset 5m or up"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max", "up");
        assertThat(DashboardQueries.metricNames("label_values(tickcast_ticks_total, instance)")).containsExactly("tickcast_ticks_total");
        assertThat(DashboardQueries.metricNames("time() - process_start_time_seconds{a=\"}\"}"))
                .containsExactly("process_start_time_seconds");
    }
}
