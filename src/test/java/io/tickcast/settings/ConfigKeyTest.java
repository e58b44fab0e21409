package io.tickcast.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The key definitions hold together: names follow their group, defaults pass their own rules, rules say what they check. */
class ConfigKeyTest {

    @Test
    void everyKeyIsNamedAfterItsGroupAndHasOneVariable() {
        Set<String> variables = new HashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(k.key()).as(k.name()).startsWith(k.group().prefix()).matches("[a-z]+(\\.[a-z][a-z-]*[a-z])+");
            assertThat(k.description()).as(k.key()).isNotBlank();
            assertThat(variables.add(k.envVar())).as(k.envVar()).isTrue();
            for (String old : k.oldNames()) {
                assertThat(variables.add(ConfigKey.envVarFor(old))).as(old).isTrue();
            }
        }
        for (ConfigKey k : ConfigKey.values()) {
            if (k.group() == KeyGroup.KAFKA) {
                continue;
            }
            assertThat(java.util.Arrays.stream(KeyGroup.values()).filter(g -> !g.prefix().isEmpty() && k.key().startsWith(g.prefix())))
                    .as(k.key()).containsExactly(k.group());
        }
    }

    @Test
    void everyDefaultIsOfItsTypeAndAllowedByItsRule() {
        for (ConfigKey k : ConfigKey.values()) {
            Object value = k.parse(k.defaultValue());
            switch (k.type()) {
                case TEXT, CHOICE -> assertThat(value).as(k.key()).isInstanceOf(String.class);
                case INTEGER -> assertThat(value).as(k.key()).isInstanceOf(Integer.class);
                case LONG -> assertThat(value).as(k.key()).isInstanceOf(Long.class);
                case DECIMAL -> assertThat(value).as(k.key()).isInstanceOf(Double.class);
                case DURATION -> assertThat(value).as(k.key()).isInstanceOf(Duration.class);
                case DECIMALS -> assertThat(value).as(k.key()).isInstanceOf(List.class);
                default -> throw new AssertionError(k.type());
            }
        }
        assertThat(ConfigKey.STATE_DIR.defaultValue()).isEqualTo(System.getProperty("java.io.tmpdir") + "/tickcast-state");
        assertThat(ConfigKey.STATE_DIR.defaultAsWritten()).isEqualTo("${java.io.tmpdir}/tickcast-state");
    }

    @Test
    void aRuleChecksWhatItSays() {
        assertThat(ConfigKey.HTTP_PORT.allowedValues()).isEqualTo("integer, 0..65535");
        assertThat(ConfigKey.HTTP_PORT.parse("65535")).isEqualTo(65535);
        assertThatThrownBy(() -> ConfigKey.HTTP_PORT.parse("65536")).hasMessage("http.port must be 0..65535, was 65536");
        assertThatThrownBy(() -> ConfigKey.HTTP_PORT.parse("x")).hasMessage("http.port must be an integer, was 'x'");
        assertThat(ConfigKey.TRAINER_VALIDATION_FRACTION.allowedValues()).isEqualTo("number, between 0 and 1 (exclusive)");
        assertThatThrownBy(() -> ConfigKey.TRAINER_VALIDATION_FRACTION.parse("1"))
                .hasMessage("trainer.validation-fraction must be between 0 and 1 (exclusive), was 1.0");
        assertThat(ConfigKey.TRAINER_CPU_SHARE.parse("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> ConfigKey.TRAINER_CPU_SHARE.parse("0")).hasMessage("trainer.cpu-share must be > 0 and <= 1, was 0.0");
        assertThatThrownBy(() -> ConfigKey.LSTM_LEARNING_RATE.parse("Infinity")).hasMessageContaining("must be a finite number > 0");
        assertThat(ConfigKey.TRAINER_INTERVAL.parse("0s")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> ConfigKey.TRAINER_INTERVAL.parse("-PT1S")).hasMessage("trainer.interval must not be negative, was PT-1S");
        assertThatThrownBy(() -> ConfigKey.STREAM_BATCH_MAX_DELAY.parse("2m"))
                .hasMessage("stream.batch.max-delay must be between PT0.001S and PT1M, was PT2M");
        assertThat(ConfigKey.EVIDENCE_DECISION.allowedValues()).isEqualTo("per-symbol or pooled");
        assertThatThrownBy(() -> ConfigKey.EVIDENCE_DECISION.parse("both"))
                .hasMessage("evidence.decision must be per-symbol or pooled, was 'both'");
        assertThatThrownBy(() -> ConfigKey.INTERVAL_LEVELS.parse("0.8,1.5"))
                .hasMessage("interval.levels must each be between 0 and 1 (exclusive), was 1.5");
        assertThat(ConfigKey.INTERVAL_HALF_LIFE.allowedValues()).isEqualTo("number, between 1 and 1000 trading days");
        assertThat(ConfigKey.LSTM_SEED.parse(" -3 ")).isEqualTo(-3L);
    }
}
