package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The guard the manifest tests rely on: a misspelt field anywhere fails the parse, with its path. */
class StrictKubernetesYamlTest {

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: s
              labels: {a: b}
            spec:
              replicas: 2
              serviceName: s
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i:1
                      readinessProbe:
                        httpGet: {path: /health/ready, port: http}
                      securityContext:
                        readOnlyRootFilesystem: true
                      resources:
                        limits: {memory: 1Gi}
            """;

    @Test
    void aCorrectObjectParsesIntoItsModel() {
        List<HasMetadata> objects = StrictKubernetesYaml.parseAll(STATEFUL_SET, "test");
        assertThat(objects).singleElement().isInstanceOf(StatefulSet.class);
        StatefulSet s = (StatefulSet) objects.get(0);
        assertThat(s.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(s.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "'  replicas: 2', '  replica: 2', replica",
        "'name: s', 'nmae: s', nmae",
        "'readinessProbe:', 'readinessProbes:', readinessProbes",
        "'httpGet:', 'httpget:', httpget",
        "'readOnlyRootFilesystem: true', 'readOnlyRootFileSystem: true', readOnlyRootFileSystem",
        "'limits: {memory: 1Gi}', 'limit: {memory: 1Gi}', limit",
    })
    void aMisspeltFieldAnywhereFails(String correct, String misspelt, String field) {
        String yaml = STATEFUL_SET.replace(correct, misspelt);
        assertThat(yaml).as("the test's replacement applies").isNotEqualTo(STATEFUL_SET);
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(yaml, "test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not parse strictly")
                .hasMessageContaining(field);
    }

    @Test
    void aDuplicateKeyFails() {
        String yaml = STATEFUL_SET.replace("  replicas: 2", "  replicas: 2\n  replicas: 3");
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(yaml, "test")).hasMessageContaining("replicas");
    }

    @Test
    void strimziResourcesParseIntoStrimzisModelsAndAMisspeltFieldFails() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: ticks, labels: {strimzi.io/cluster: c}}
                spec: {partitions: 3, config: {retention.ms: 1000}}
                """;
        HasMetadata parsed = StrictKubernetesYaml.parseAll(topic, "test").get(0);
        assertThat(parsed).isInstanceOf(KafkaTopic.class);
        assertThat(((KafkaTopic) parsed).getSpec().getPartitions()).isEqualTo(3);
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(topic.replace("labels:", "label:"), "test"))
                .hasMessageContaining("label");
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(topic.replace("partitions:", "partition:"), "test"))
                .hasMessageContaining("does not parse strictly").hasMessageContaining("partition");
        String user = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: t, patternType: literal}, operations: [Read], host: "*"}]
                """;
        assertThat(StrictKubernetesYaml.parseAll(user, "test").get(0)).isInstanceOf(KafkaUser.class);
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(user.replace("patternType", "pattern"), "test"))
                .hasMessageContaining("pattern");
        // Strimzi's model reads an unknown operation as null rather than failing: KafkaUserTest checks for that
        KafkaUser misspelt = (KafkaUser) StrictKubernetesYaml.parseAll(user.replace("[Read]", "[Raed]"), "test").get(0);
        assertThat(((KafkaUserAuthorizationSimple) misspelt.getSpec().getAuthorization()).getAcls().get(0).getOperations())
                .containsOnlyNulls();
    }

    @Test
    void prometheusOperatorResourcesKeepTheirSpecButNotAMisspeltMetadataField() {
        String monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m, labels: {a: b}}
                spec: {selector: {matchLabels: {a: b}}, endpoints: [{port: http}]}
                """;
        HasMetadata parsed = StrictKubernetesYaml.parseAll(monitor, "test").get(0);
        assertThat(parsed).isInstanceOf(GenericKubernetesResource.class);
        assertThat(((GenericKubernetesResource) parsed).getAdditionalProperties()).containsKey("spec");
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll(monitor.replace("labels:", "label:"), "test"))
                .hasMessageContaining("label");
    }

    @Test
    void anUnexpectedKindFails() {
        assertThatThrownBy(() -> StrictKubernetesYaml.parseAll("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "test"))
                .hasMessageContaining("kind not expected");
    }
}
