package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.TestModels;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.serving.ModelSlot;
import org.junit.jupiter.api.Test;

/**
 * A replaced model's native memory is freed once no stream thread holds it: thousands of swaps while a stream
 * thread forecasts leave only the model in service open, and no forecast ever runs on a closed model.
 */
class ModelLifetimesTest {

    private static PriceWindow window() {
        PriceWindow w = PriceWindow.empty();
        for (int i = 0; i < 5; i++) {
            w = w.apply(Tick.of("AAA", LocalDate.of(2020, 1, 1).plusDays(i), 100 + i), 5).window();
        }
        return w;
    }

    @Test
    void thousandsOfSwapsWhileForecastingLeaveOnlyTheServingModelOpen() throws Exception {
        long before = LstmModel.openModels();
        ModelSlot slot = new ModelSlot(5);
        byte[] bytes;
        try (LstmModel template = TestModels.forecastingAMoveOf(1.0, LstmConfig.DEFAULT)) {
            bytes = template.toBytes();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong forecasts = new AtomicLong();
        AtomicLong lstm = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        RecordingStreamEvents events = new RecordingStreamEvents();
        Thread streamThread = new Thread(() -> {
            PriceWindow w = window();
            try (WindowForecaster forecaster = new WindowForecaster(slot, Clock.systemUTC(), events,
                    io.tickcast.interval.IntervalSettings.DEFAULT)) {
                while (!stop.get()) {
                    Forecast f = forecaster.forecast("AAA", w, WindowForecaster.ServingChoice.CHALLENGER_TERMS);
                    forecasts.incrementAndGet();
                    if (f.model().equals(Forecast.MODEL_LSTM)) {
                        lstm.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "stream-thread-under-test");
        streamThread.start();
        int swaps = 2000;
        for (int v = 1; v <= swaps; v++) {
            slot.install(LstmModel.fromBytes(bytes, LstmConfig.DEFAULT), v);
            if (v % 500 == 0) {
                slot.clear("a demotion, now and then");
            }
        }
        slot.install(LstmModel.fromBytes(bytes, LstmConfig.DEFAULT), swaps + 1);
        stop.set(true);
        streamThread.join(60_000);
        assertThat(failure.get()).as("the stream thread never ran on a closed model").isNull();
        assertThat(events.inferenceFailures.get()).isZero();
        assertThat(forecasts.get()).isPositive();
        assertThat(lstm.get()).isPositive();
        // the stream thread let go of its lease when it closed: only the model in service is still open
        assertThat(LstmModel.openModels() - before).isEqualTo(1);
        slot.clear("done");
        assertThat(LstmModel.openModels()).isEqualTo(before);
    }

    @Test
    void aLeasedModelStaysOpenUntilItsLastHolderLetsGo() {
        long before = LstmModel.openModels();
        ModelSlot slot = new ModelSlot(5);
        slot.install(TestModels.forecastingAMoveOf(1.0, LstmConfig.DEFAULT), 1);
        ModelSlot.Versioned lease = slot.acquire();
        slot.install(TestModels.forecastingAMoveOf(2.0, LstmConfig.DEFAULT), 2);
        assertThat(LstmModel.openModels() - before).as("v1 leased, v2 serving").isEqualTo(2);
        assertThat(lease.model().newPredictor()).isNotNull().satisfies(p -> {
            assertThat(p.forecast(new double[] {1, 2, 3, 4, 5})).isPositive();
            p.close();
        });
        lease.release();
        assertThat(LstmModel.openModels() - before).as("v1 freed with its last lease").isEqualTo(1);
        assertThat(slot.acquire()).satisfies(v -> {
            assertThat(v.version()).isEqualTo(2);
            v.release();
        });
        slot.clear("done");
        assertThat(LstmModel.openModels()).isEqualTo(before);
        assertThat(slot.acquire()).isNull();
    }
}
