package io.tickcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** The alerting rules of docker/prometheus/alerts.yml, read for tests. */
public final class AlertRules {

    public static final Path RULES = Path.of("docker/prometheus/alerts.yml");
    public static final Path RULE_TESTS = Path.of("docker/prometheus/alerts.test.yml");
    public static final Path PROMETHEUS_RULE = Path.of("k8s/base/prometheusrule.yaml");

    private AlertRules() {
    }

    /** The {@code groups} of a rules file, as parsed YAML. */
    static Object groups(Path rules) {
        return load(rules).get("groups");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) {
        try {
            return (Map<String, Object>) new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule's PromQL expression. */
    @SuppressWarnings("unchecked")
    public static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) groups(RULES)) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                out.add(String.valueOf(rule.get("expr")));
            }
        }
        return out;
    }

    /** Every alert's name. */
    @SuppressWarnings("unchecked")
    static List<String> alertNames() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) groups(RULES)) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                out.add(String.valueOf(rule.get("alert")));
            }
        }
        return out;
    }
}
