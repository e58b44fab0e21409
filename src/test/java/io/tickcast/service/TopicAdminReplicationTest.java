package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicAdminReplicationTest {

    @Test
    void threeCopiesWithTwoInSyncWhereThereAreThreeBrokersElseOnePerBroker() {
        assertThat(TopicAdmin.Replication.forBrokers(5)).isEqualTo(new TopicAdmin.Replication((short) 3, 2));
        assertThat(TopicAdmin.Replication.forBrokers(3)).isEqualTo(new TopicAdmin.Replication((short) 3, 2));
        assertThat(TopicAdmin.Replication.forBrokers(2)).isEqualTo(new TopicAdmin.Replication((short) 2, null));
        assertThat(TopicAdmin.Replication.forBrokers(1)).isEqualTo(new TopicAdmin.Replication((short) 1, null));
        assertThat(TopicAdmin.Replication.forBrokers(0).factor()).isEqualTo((short) 1);
    }
}
