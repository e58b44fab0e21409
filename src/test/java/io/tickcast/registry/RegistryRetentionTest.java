package io.tickcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class RegistryRetentionTest {

    private static List<Long> versions(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void keepsTheNewestVersionsAndDeletesTheRest() {
        assertThat(RegistryRetention.toDelete(3, versions(1, 10), 10, 9, versions(1, 10))).containsExactly(1L, 2L, 3L, 4L,
                5L, 6L, 7L);
        assertThat(RegistryRetention.toDelete(20, versions(1, 10), 10, 9, versions(1, 10))).isEmpty();
    }

    @Test
    void neverDeletesWhatIsPublishedNorWhatServedBeforeIt() {
        // an operator rolled back to v2; the trainer publishes v10 (republishing v4 by a demotion would do the same)
        assertThat(RegistryRetention.toDelete(1, versions(1, 10), 10, 2, List.of())).containsExactly(1L, 3L, 4L, 5L, 6L,
                7L, 8L, 9L);
        assertThat(RegistryRetention.toDelete(1, versions(1, 10), 4, 10, List.of())).containsExactly(1L, 2L, 3L, 5L, 6L,
                7L, 8L, 9L);
    }

    @Test
    void keepsAsManyFallbacksForDemotionWhenTheNewestVersionsCannotBeOne() {
        // v6..v10 are demoted models and naive records; v1..v5 passed the gate and were never demoted
        assertThat(RegistryRetention.toDelete(2, versions(1, 10), 10, 9, versions(1, 5))).containsExactly(1L, 2L, 3L,
                6L, 7L, 8L);
    }

    @Test
    void keepsAtLeastOneVersion() {
        assertThatThrownBy(() -> RegistryRetention.toDelete(0, versions(1, 3), 3, 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
