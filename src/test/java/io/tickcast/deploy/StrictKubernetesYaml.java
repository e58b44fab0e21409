package io.tickcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Parses Kubernetes YAML into fabric8's typed models so strictly that a misspelt or misplaced field fails.
 *
 * <p>{@code FAIL_ON_UNKNOWN_PROPERTIES} alone does nothing for fabric8 models: every model class has a
 * {@code @JsonAnySetter} that swallows unknown fields into {@code additionalProperties}. The introspector
 * below switches those catch-alls off (except on {@link GenericKubernetesResource}, whose catch-all
 * <em>is</em> its content), so unknown fields reach Jackson's check and fail with their path.
 *
 * <p>KafkaTopic and KafkaUser are parsed into Strimzi's own models, just as strictly. ServiceMonitor and PrometheusRule,
 * which have no model here, are parsed as {@link GenericKubernetesResource} with typed metadata; the tests check their
 * spec field names by hand.
 */
final class StrictKubernetesYaml {

    /** apiVersion/kind to model class: every kind the manifests may contain. */
    static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            // Strimzi's own models (io.strimzi:api)
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    /** Custom resources with no model on the test class path (prometheus-operator's). */
    static final List<String> CUSTOM = List.of("monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .annotationIntrospector(new NoCatchAllSetters())
            .build();

    private StrictKubernetesYaml() {
    }

    /** Every document of a (multi-document) YAML text, each parsed into its model; {@code source} names it in errors. */
    static List<HasMetadata> parseAll(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                objects.add(parse(doc, source + " document " + index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": not YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    static HasMetadata parse(JsonNode doc, String where) {
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        String type = apiVersion + "/" + kind;
        where = where + " (" + type + " " + doc.path("metadata").path("name").asText("?") + ")";
        Class<? extends HasMetadata> model = TYPED.get(type);
        if (model == null && !CUSTOM.contains(type)) {
            throw new AssertionError(where + ": kind not expected in tickcast's manifests; known: " + TYPED.keySet() + " " + CUSTOM);
        }
        Class<? extends HasMetadata> target = model != null ? model : GenericKubernetesResource.class;
        try {
            return MAPPER.treeToValue(doc, target);
        } catch (JsonMappingException e) {
            throw new AssertionError(where + ": does not parse strictly: " + e.getOriginalMessage() + " at "
                    + e.getPathReference(), e);
        } catch (IOException e) {
            throw new AssertionError(where + ": does not parse: " + e.getMessage(), e);
        }
    }

    /** Turns fabric8's {@code @JsonAnySetter} catch-alls off, except on GenericKubernetesResource. */
    private static final class NoCatchAllSetters extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnySetter(Annotated a) {
            if (a instanceof AnnotatedMember m && m.getDeclaringClass() == GenericKubernetesResource.class) {
                return super.hasAnySetter(a);
            }
            return Boolean.FALSE;
        }
    }
}
