package io.tickcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.CoverageCheck;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.records.Json;
import org.junit.jupiter.api.Test;

/** The interval calibration travels in the model record, and records without one (older builds) still read. */
class CalibrationInTheRecordTest {

    private static final ForecasterCalibration CALIBRATION = new ForecasterCalibration(
            new Calibration(Calibration.SCALE_EWMA, 11.2, 1040,
                    List.of(new Calibration.Quantile(0.8, 1.31), new Calibration.Quantile(0.95, 2.12))),
            new Calibration(Calibration.SCALE_EWMA, 11.2, 1040,
                    List.of(new Calibration.Quantile(0.8, 1.29), new Calibration.Quantile(0.95, 2.08))),
            new CoverageCheck(520, 520, List.of(new CoverageCheck.Level(0.8, 0.79, 0.025, 0.9),
                    new CoverageCheck.Level(0.95, 0.948, 0.041, 0.8)), 0.05, 0.05, true));

    @Test
    void theCalibrationRoundTripsThroughTheRecordJson() throws Exception {
        ModelRecord r = TestRecords.forced(3).withCalibration(CALIBRATION);
        ModelRecord back = ModelRecordCodec.decode(ModelRecordCodec.encode(r));
        assertThat(back.calibration()).isEqualTo(CALIBRATION);
        assertThat(Json.MAPPER.readTree(ModelRecordCodec.encode(r)).path("calibration").path("naive").path("quantiles")
                .get(1).path("quantile").asDouble()).isEqualTo(2.08);
        assertThat(back.withVersion(4).calibration()).as("kept by the record's copies").isEqualTo(CALIBRATION);
        assertThat(back.republished(PromotedBy.ROLLBACK, null).calibration()).isEqualTo(CALIBRATION);
    }

    @Test
    void aRecordOfAnOlderBuildWithoutCalibrationStillDecodes() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(ModelRecordCodec.encode(TestRecords.forced(2)));
        json.remove("calibration");
        ModelRecord r = ModelRecordCodec.decode(Json.MAPPER.writeValueAsBytes(json));
        assertThat(r.calibration()).isNull();
        assertThat(r.version()).isEqualTo(2);
    }
}
