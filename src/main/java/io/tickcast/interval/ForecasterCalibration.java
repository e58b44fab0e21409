package io.tickcast.interval;

/**
 * The interval calibrations a model record carries (part of the model record contract): the model's own, and
 * the naive forecast's from the same calibration windows (served whenever the naive forecast goes out instead of
 * the model's). {@code check} is the coverage evidence the gate looked at (null in forced records).
 */
public record ForecasterCalibration(Calibration lstm, Calibration naive, CoverageCheck check) {
}
