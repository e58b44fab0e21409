package io.tickcast.registry;

import java.time.Instant;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.TestModels;

/** Registry records for tests, of one small untrained model made once per test JVM (its bytes are what counts). */
final class TestRecords {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static LstmModel model;

    private TestRecords() {
    }

    static synchronized LstmModel model() {
        if (model == null) {
            model = TestModels.forecastingAMoveOf(0, LstmConfig.DEFAULT);
        }
        return model;
    }

    /** A record of that model published with {@code --force}. */
    static ModelRecord forced(long version) {
        return ModelRecord.forced(model(), version, AT);
    }
}
