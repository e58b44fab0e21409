package io.tickcast.deploy;

import static io.tickcast.deploy.Manifests.SECURED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.tickcast.config.TickcastConfig;
import io.tickcast.deploy.Manifests.Workload;
import io.tickcast.kafka.TickcastAcls;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/overlays/secured}: tickcast as the Strimzi KafkaUser of {@code k8s/components/strimzi-user}, whose ACLs
 * are exactly those the code needs for the stream and the trainer ({@link TickcastAcls}, with the rendered settings),
 * and whose Secret and cluster CA reach both workloads as SASL_SSL / SCRAM-SHA-512 client settings.
 */
class KafkaUserTest {

    @Test
    void theKafkaUserGrantsExactlyTheAclsTheStreamAndTheTrainerNeed() {
        Kustomize.Rendered r = Kustomize.render(SECURED);
        KafkaUser user = r.only(KafkaUser.class);
        assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
        assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
        Set<String> granted = new TreeSet<>();
        for (AclRule acl : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertThat(acl.getHost()).isEqualTo("*");
            assertThat(acl.getOperation()).as("operations, not the deprecated single operation").isNull();
            assertThat(acl.getOperations()).as("operations Strimzi knows (it reads a misspelt one as null)").doesNotContainNull();
            for (AclOperation op : acl.getOperations()) {
                assertThat(granted.add(strimziAcl(acl.getResource(), op))).as("each ACL once").isTrue();
            }
        }
        TickcastConfig config = TickcastConfig.load(List.of(), r.only(ConfigMap.class).getData(), Map.of());
        Set<String> needed = TickcastAcls.service(config).stream().map(KafkaUserTest::codeAcl)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(granted).isEqualTo(needed);

        String cluster = r.all(KafkaTopic.class).get(0).getMetadata().getLabels().get("strimzi.io/cluster");
        assertThat(user.getMetadata().getLabels()).as("the cluster of the topics").containsEntry("strimzi.io/cluster", cluster);
    }

    @Test
    void bothWorkloadsConnectAsTheKafkaUserWithScramOverTls() {
        Kustomize.Rendered r = Kustomize.render(SECURED);
        KafkaUser user = r.only(KafkaUser.class);
        String cluster = user.getMetadata().getLabels().get("strimzi.io/cluster");
        for (Workload w : Manifests.workloads(r)) {
            Map<String, String> env = Manifests.literalEnv(r, w.container());
            assertThat(env).as(w.toString()).containsEntry("TICKCAST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("TICKCAST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("TICKCAST_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            EnvVar jaas = Manifests.envVar(w.container(), "TICKCAST_KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName())
                    .as(w + ": the Secret the User Operator writes is named after the KafkaUser")
                    .isEqualTo(user.getMetadata().getName());
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            assertThat(jaas.getValueFrom().getSecretKeyRef().getOptional()).as(w + ": no start without credentials").isFalse();
            assertThat(w.container().getEnv()).as(w + ": nothing from the optional Secret of k8s/base any more")
                    .allSatisfy(v -> assertThat(v.getValueFrom() == null || v.getValueFrom().getSecretKeyRef() == null
                            || !v.getValueFrom().getSecretKeyRef().getName().equals("tickcast-kafka-credentials")).isTrue());

            String truststore = env.get("TICKCAST_KAFKA_SSL_TRUSTSTORE_LOCATION");
            VolumeMount mount = w.container().getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(w + ": no volume at " + truststore));
            Volume volume = w.template().getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            assertThat(volume.getSecret().getSecretName()).as("Strimzi's cluster CA certificate")
                    .isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(volume.getSecret().getItems()).anySatisfy(i -> {
                assertThat(i.getKey()).isEqualTo("ca.crt");
                assertThat(mount.getMountPath() + "/" + i.getPath()).isEqualTo(truststore);
            });

            String bootstrap = env.get("TICKCAST_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).isEqualTo(cluster + "-kafka-bootstrap:9093");
            Set<Integer> egress = new HashSet<>();
            r.only(NetworkPolicy.class).getSpec().getEgress().forEach(rule -> rule.getPorts().stream()
                    .map(NetworkPolicyPort::getPort).forEach(p -> egress.add(p.getIntVal())));
            assertThat(egress).as("the NetworkPolicy lets the pods reach the TLS listener").contains(9093);
        }
    }

    /** E.g. {@code TOPIC PREFIXED tickcast- CREATE}, from Strimzi's model of one ACL rule's resource and operation. */
    private static String strimziAcl(AclRuleResource resource, AclOperation operation) {
        String type = resource.getType().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        String name;
        AclResourcePatternType pattern;
        if (resource instanceof AclRuleTopicResource t) {
            name = t.getName();
            pattern = t.getPatternType();
        } else if (resource instanceof AclRuleGroupResource g) {
            name = g.getName();
            pattern = g.getPatternType();
        } else if (resource instanceof AclRuleTransactionalIdResource x) {
            name = x.getName();
            pattern = x.getPatternType();
        } else if (resource instanceof AclRuleClusterResource) {
            name = "kafka-cluster";
            pattern = AclResourcePatternType.LITERAL;
        } else {
            throw new AssertionError("unknown Strimzi ACL resource " + resource);
        }
        String patternName = pattern == AclResourcePatternType.PREFIX ? "PREFIXED" : "LITERAL";
        String op = operation.toValue().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return type + " " + patternName + " " + name + " " + op;
    }

    private static String codeAcl(TickcastAcls.Acl acl) {
        return acl.resourceType() + " " + acl.patternType() + " " + acl.name() + " " + acl.operation();
    }
}
