package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A key's old name still works in every source, with a warning (a log line) that names the new one. */
class RenamedKeysTest {

    @TempDir
    Path dir;

    /** What {@code load} logged at WARN while it ran, and what it returned. */
    private static <T> List<String> warnings(Supplier<T> load, List<T> result) {
        Logger logger = (Logger) LoggerFactory.getLogger(EffectiveSettings.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            result.add(load.get());
        } finally {
            logger.detachAppender(logged);
        }
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anOldNameOnTheCommandLineIsReadWithAWarningNamingTheNewOne() {
        List<TickcastConfig> loaded = new ArrayList<>();
        List<String> warned = warnings(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("window.size", "7")), loaded);
        assertThat(loaded.get(0).windowSize()).isEqualTo(7);
        assertThat(warned).containsExactly("'window.size' (set on the command line) is the old name of 'lstm.window-size'; "
                + "it still works, but rename it 'lstm.window-size'");
    }

    @Test
    void anOldNameInAFileIsReadWithAWarningNamingTheNewOne() throws Exception {
        Path file = Files.writeString(dir.resolve("old.properties"), "registry.keep-versions=3\ntrain.epochs=12\n");
        List<TickcastConfig> loaded = new ArrayList<>();
        List<String> warned = warnings(() -> TickcastConfig.load(file, Map.of(), Map.of()), loaded);
        assertThat(loaded.get(0).trainer().keepVersions()).isEqualTo(3);
        assertThat(loaded.get(0).lstm().epochs()).isEqualTo(12);
        assertThat(warned).containsExactlyInAnyOrder(
                "'registry.keep-versions' (set in config file " + file + ") is the old name of 'trainer.keep-versions'; "
                        + "it still works, but rename it 'trainer.keep-versions'",
                "'train.epochs' (set in config file " + file + ") is the old name of 'lstm.epochs'; it still works, but "
                        + "rename it 'lstm.epochs'");
    }

    @Test
    void anOldEnvironmentVariableIsReadWithAWarningNamingTheNewOne() {
        List<TickcastConfig> loaded = new ArrayList<>();
        List<String> warned = warnings(() -> TickcastConfig.load(List.of(),
                Map.of("TICKCAST_PRODUCE_DELIVERY_TIMEOUT", "PT30S", "TICKCAST_DEMOTION_WINDOW", "0"), Map.of()), loaded);
        assertThat(loaded.get(0).clients().deliveryTimeout()).hasSeconds(30);
        assertThat(loaded.get(0).trainer().demotionWindow()).isZero();
        assertThat(warned).containsExactly(
                "environment variable TICKCAST_DEMOTION_WINDOW is the old name of TICKCAST_TRAINER_DEMOTION_WINDOW "
                        + "(trainer.demotion-window); it still works, but rename it TICKCAST_TRAINER_DEMOTION_WINDOW",
                "environment variable TICKCAST_PRODUCE_DELIVERY_TIMEOUT is the old name of TICKCAST_CLIENT_DELIVERY_TIMEOUT "
                        + "(client.delivery-timeout); it still works, but rename it TICKCAST_CLIENT_DELIVERY_TIMEOUT");
    }

    @Test
    void everyOldNameWorksInEverySource() throws Exception {
        for (ConfigKey k : ConfigKey.values()) {
            for (String old : k.oldNames()) {
                String value = k.defaultValue();
                Path file = Files.writeString(dir.resolve("f.properties"), old + "=" + value + "\n");
                List<EffectiveSettings> bySource = List.of(
                        EffectiveSettings.resolve(List.of(), Map.of(), Map.of(old, value)),
                        EffectiveSettings.resolve(List.of(file), Map.of(), Map.of()),
                        EffectiveSettings.resolve(List.of(), Map.of(ConfigKey.envVarFor(old), value), Map.of()));
                for (EffectiveSettings s : bySource) {
                    assertThat(s.get(k).isDefault()).as(old).isFalse();
                    assertThat(s.renamed()).as(old).containsExactly(new RenamedKeyUse(k, old, s.get(k).source()));
                    assertThat(s.renamed().get(0).warning()).as(old).contains(k.key());
                }
            }
        }
    }

    @Test
    void theNewNameWinsOverTheOldOneFromALowerSourceAndBothInOnePlaceIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("old.properties"), "window.size=7\n");
        assertThat(TickcastConfig.load(file, Map.of("TICKCAST_LSTM_WINDOW_SIZE", "8"), Map.of()).windowSize()).isEqualTo(8);
        assertThat(TickcastConfig.load(file, Map.of(), Map.of("lstm.window-size", "9")).windowSize()).isEqualTo(9);
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of(), Map.of("window.size", "7", "lstm.window-size", "8")))
                .hasMessageContaining("are one setting, under its old and its new name: keep 'lstm.window-size' only");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(),
                Map.of("TICKCAST_WINDOW_SIZE", "7", "TICKCAST_LSTM_WINDOW_SIZE", "8"), Map.of()))
                .hasMessageContaining("(set by environment variable");
    }

    @Test
    void aBadValueUnderAnOldNameSaysWhichNameItWasSetAs() throws Exception {
        Path file = Files.writeString(dir.resolve("old.properties"), "train.learning-rate=-1\n");
        assertThatThrownBy(() -> TickcastConfig.load(file, Map.of(), Map.of())).isInstanceOf(InvalidSettingException.class)
                .hasMessage("lstm.learning-rate must be a finite number > 0, was -1.0 (set in config file " + file
                        + " as train.learning-rate)");
        assertThatThrownBy(() -> TickcastConfig.load(List.of(), Map.of("TICKCAST_WINDOW_SIZE", "1"), Map.of()))
                .hasMessage("lstm.window-size must be >= 2, was 1 (set by environment variable TICKCAST_WINDOW_SIZE)");
    }

    @Test
    void oldNamesAreNoCurrentKeyAndEachNamesOneKey() {
        Set<String> current = new HashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            current.add(k.key());
        }
        Set<String> old = new HashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            for (String name : k.oldNames()) {
                assertThat(current).as(name).doesNotContain(name);
                assertThat(old.add(name)).as(name + " names one key").isTrue();
                assertThat(ConfigKey.renamedFrom(name)).contains(k);
            }
        }
        assertThat(old).as("the renames of issue 20").contains("window.size", "train.learning-rate", "train.epochs",
                "train.batch-size", "train.seed", "demotion.window", "registry.keep-versions", "produce.delivery-timeout");
    }
}
