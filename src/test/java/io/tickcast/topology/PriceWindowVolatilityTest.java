package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Random;

import io.tickcast.interval.Volatility;
import io.tickcast.records.Json;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import org.junit.jupiter.api.Test;

/** The volatility the window store keeps: the same as over the whole series, exact under corrections, and old values still read. */
class PriceWindowVolatilityTest {

    private static final double HALF_LIFE = 11.2;
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);

    private static double[] walk(int n, long seed) {
        Random random = new Random(seed);
        double[] closes = new double[n];
        closes[0] = 100;
        for (int i = 1; i < n; i++) {
            closes[i] = closes[i - 1] * Math.exp(0.01 * random.nextGaussian());
        }
        return closes;
    }

    private static PriceWindow feed(double[] closes) {
        PriceWindow w = PriceWindow.empty();
        for (int i = 0; i < closes.length; i++) {
            w = w.apply(Tick.of("AAA", D0.plusDays(i), closes[i]), 5, HALF_LIFE).window();
            // through the store's serde, as the changelog would carry it
            w = JsonSerde.of(PriceWindow.class).deserializer().deserialize("t",
                    JsonSerde.of(PriceWindow.class).serializer().serialize("t", w));
        }
        return w;
    }

    @Test
    void theStoredVolatilityIsTheOneOverTheWholeSeries() {
        double[] closes = walk(300, 1);
        double[] batch = Volatility.sigmas(closes, HALF_LIFE);
        assertThat(feed(closes).volatility(HALF_LIFE).sigma()).isCloseTo(batch[closes.length - 1], within(1e-12));
        assertThat(feed(java.util.Arrays.copyOf(closes, 3)).volatility(HALF_LIFE).sigma())
                .isCloseTo(batch[2], within(1e-12));
    }

    @Test
    void aCorrectionInTheWindowChangesTheVolatilityAsIfTheCorrectedCloseHadComeFirst() {
        double[] closes = walk(100, 2);
        PriceWindow w = feed(closes);
        double corrected = closes[97] * 1.05;
        PriceWindow after = w.apply(Tick.of("AAA", D0.plusDays(97), corrected), 5, HALF_LIFE).window();
        double[] fixed = closes.clone();
        fixed[97] = corrected;
        assertThat(after.volatility(HALF_LIFE).sigma())
                .isCloseTo(Volatility.sigmas(fixed, HALF_LIFE)[99], within(1e-12));
    }

    @Test
    void aWindowStoredByAnOlderBuildStillReadsAndGivesAVolatility() throws Exception {
        String old = "{\"dates\":[\"2020-01-01\",\"2020-01-02\",\"2020-01-03\",\"2020-01-04\",\"2020-01-05\"],"
                + "\"closes\":[100.0,101.0,99.0,100.0,102.0]}";
        PriceWindow w = JsonSerde.of(PriceWindow.class).deserializer().deserialize("t", old.getBytes());
        assertThat(w.before()).isNull();
        assertThat(w.closes()).containsExactly(100.0, 101.0, 99.0, 100.0, 102.0);
        double[] fromWindow = Volatility.sigmas(new double[] {100, 101, 99, 100, 102}, HALF_LIFE);
        assertThat(w.volatility(HALF_LIFE).sigma()).as("from the returns in the window")
                .isCloseTo(fromWindow[4], within(1e-12));
        PriceWindow next = w.apply(Tick.of("AAA", LocalDate.of(2020, 1, 6), 103), 5, HALF_LIFE).window();
        assertThat(next.before().returns()).as("the dropped close's return is kept from now on").isEqualTo(1);
        assertThat(next.volatility(HALF_LIFE).returns()).isEqualTo(5);
        assertThat(Json.MAPPER.writeValueAsString(next)).contains("\"before\":{\"variance\":");
    }

    @Test
    void widthCorrectionsTravelWithTheWindowAndOlderValuesHaveNone() throws Exception {
        String old = "{\"dates\":[\"2020-01-01\",\"2020-01-02\"],\"closes\":[100.0,101.0],"
                + "\"before\":{\"variance\":1.0E-4,\"returns\":3}}";
        PriceWindow w = JsonSerde.of(PriceWindow.class).deserializer().deserialize("t", old.getBytes());
        assertThat(w.widen()).isNull();
        assertThat(w.widen(2)).containsExactly(0.0, 0.0);
        PriceWindow corrected = w.withWiden(new double[] {0.3, -0.1});
        PriceWindow appended = corrected.apply(Tick.of("AAA", LocalDate.of(2020, 1, 3), 102), 5, HALF_LIFE).window();
        PriceWindow fixedUp = appended.apply(Tick.of("AAA", LocalDate.of(2020, 1, 3), 102.5), 5, HALF_LIFE).window();
        assertThat(fixedUp.widen(2)).containsExactly(0.3, -0.1);
        assertThat(fixedUp.widen(3)).as("corrections for other levels are none").containsExactly(0.0, 0.0, 0.0);
        PriceWindow read = JsonSerde.of(PriceWindow.class).deserializer().deserialize("t",
                JsonSerde.of(PriceWindow.class).serializer().serialize("t", fixedUp));
        assertThat(read).isEqualTo(fixedUp);
    }
}
