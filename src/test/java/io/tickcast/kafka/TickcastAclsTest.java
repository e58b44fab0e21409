package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.EnumSet;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The ACL list follows the settings: application id, topic names, processing guarantee. */
class TickcastAclsTest {

    @Test
    void namesFollowTheApplicationIdAndTheTopics() {
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of("application.id", "fx", "topic.ticks", "fx-in",
                "topic.forecasts", "fx-out", "topic.dead-letter", "fx-dlq", "topic.models", "fx-models"));
        assertThat(TickcastAcls.service(config)).extracting(TickcastAcls.Acl::describe).containsExactly(
                "READ on topic fx-in", "WRITE on topic fx-out", "WRITE on topic fx-dlq", "READ on topic fx-models",
                "WRITE on topic fx-models", "CREATE on topics prefixed fx-", "READ on topics prefixed fx-",
                "WRITE on topics prefixed fx-", "DELETE on topics prefixed fx-", "READ on group fx",
                "READ on group fx-trainer", "WRITE on transactional ids prefixed fx-");
        assertThat(TickcastAcls.neededBy(config, EnumSet.of(TickcastAcls.User.CONSUME))).extracting(TickcastAcls.Acl::describe)
                .containsExactly("READ on topic fx-out");
    }

    @Test
    void atLeastOnceStreamsNeedNoTransactionalIdButTheTrainerStillDoes() {
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of("kafka.processing.guarantee", "at_least_once"));
        assertThat(TickcastAcls.neededBy(config, EnumSet.of(TickcastAcls.User.STREAM)))
                .noneMatch(a -> a.resourceType() == ResourceType.TRANSACTIONAL_ID);
        assertThat(TickcastAcls.neededBy(config, EnumSet.of(TickcastAcls.User.TRAINER)))
                .anyMatch(a -> a.resourceType() == ResourceType.TRANSACTIONAL_ID);
    }
}
