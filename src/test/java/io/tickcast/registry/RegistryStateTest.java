package io.tickcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.tickcast.gate.DieboldMariano;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private static final Instant AT = TestRecords.AT;

    private static byte[] forced(long version) {
        return ModelRecordCodec.encode(TestRecords.forced(version));
    }

    private static ModelRecord.Demotion demotionOf(long version) {
        return new ModelRecord.Demotion(version, AT, 1.3, new DieboldMariano(500, 125, 4, 1e-5, 4.05, 3.1e-5), 0.05, 0, 0);
    }

    @Test
    void aTombstoneDeletesItsVersionAndANewerRecordReplacesTheOlderUnderItsKey() {
        RegistryState state = new RegistryState();
        state.add(0, ModelRecord.key(1), forced(1));
        state.add(1, ModelRecord.key(2), forced(2));
        state.add(2, ModelRecord.key(3), forced(3));
        assertThat(state.add(3, ModelRecord.key(2), null)).isNull();
        state.add(4, ModelRecord.key(1), ModelRecordCodec.encode(TestRecords.forced(1).republished(PromotedBy.ROLLBACK, null)));

        assertThat(state.entries()).extracting(RegistryState.Entry::offset).containsExactly(2L, 4L);
        assertThat(state.versions()).containsExactly(1L, 3L);
        assertThat(state.models()).extracting(ModelRecord::version).containsExactly(1L, 3L);
        assertThat(state.models().get(0).promotedBy()).isEqualTo(PromotedBy.ROLLBACK);
        assertThat(state.maxVersion()).isEqualTo(3);
    }

    @Test
    void aRecordThatCannotBeDecodedTakesItsKeyAndItsVersionCounts() {
        RegistryState state = new RegistryState();
        state.add(0, ModelRecord.key(4), forced(4));
        RegistryState.Entry garbage = state.add(1, ModelRecord.key(4), "garbage".getBytes(StandardCharsets.UTF_8));
        state.add(2, ModelRecord.key(9), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(garbage.decoded()).isFalse();
        assertThat(garbage.reason()).isEqualTo("malformed");
        assertThat(state.models()).isEmpty();
        assertThat(state.versions()).containsExactly(4L, 9L);
        assertThat(state.maxVersion()).as("no new record may take v9's number").isEqualTo(9);
    }

    @Test
    void demotedVersionsAreKnownFromDemotionRecordsAndFromTheSetNewerRecordsCarry() {
        RegistryState state = new RegistryState();
        state.add(0, ModelRecord.key(5), ModelRecordCodec.encode(ModelRecord.naive(5, AT, demotionOf(4))));
        state.add(1, ModelRecord.key(6), ModelRecordCodec.encode(TestRecords.forced(6)
                .withDemotedVersions(List.of(2L, 4L))));
        assertThat(state.demoted()).containsExactlyInAnyOrder(2L, 4L);

        // a registry whose demotion records were deleted still knows, from the newest record alone
        RegistryState compacted = new RegistryState();
        compacted.add(1, ModelRecord.key(6), ModelRecordCodec.encode(TestRecords.forced(6)
                .withDemotedVersions(List.of(4L, 2L, 4L))));
        assertThat(compacted.demoted()).containsExactlyInAnyOrder(2L, 4L);
        assertThat(compacted.models().get(0).demotedVersions()).containsExactly(2L, 4L);
    }

    @Test
    void keysNameVersions() {
        assertThat(ModelRecord.versionOf(ModelRecord.key(42))).hasValue(42);
        assertThat(ModelRecord.versionOf("v7")).hasValue(7);
        assertThat(ModelRecord.versionOf("model-7")).isEmpty();
        assertThat(ModelRecord.versionOf(null)).isEmpty();
    }
}
