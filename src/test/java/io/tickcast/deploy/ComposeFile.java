package io.tickcast.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yaml read with SnakeYAML (which resolves the {@code <<} merge keys the file uses) and checked against
 * the Compose Specification's JSON schema (src/test/resources/schemas/compose-spec.json, see the README there).
 */
final class ComposeFile {

    static final String PATH = "docker/compose.yaml";

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    /** The compose-spec schema, draft 7, loaded once. */
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:schemas/compose-spec.json"));

    static ComposeFile read() {
        return new ComposeFile(map(load(ProjectFiles.read(PATH)), PATH));
    }

    /** A compose file's YAML, merge keys resolved, duplicate keys refused. */
    static Object load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).load(yaml);
    }

    /** What the compose-spec schema finds wrong in a compose file's YAML (empty when it conforms), one line each. */
    static List<String> schemaErrors(String yaml) {
        return SCHEMA.validate(new ObjectMapper().valueToTree(load(yaml))).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(root.get("services"), "services").forEach((name, def) -> result.put(name, map(def, "services." + name)));
        return result;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> s = services().get(name);
        if (s == null) {
            throw new AssertionError(PATH + ": no service " + name + " (services: " + services().keySet() + ")");
        }
        return s;
    }

    /** The command of a service as a list (a string command is split on whitespace, as compose does). */
    List<String> command(String service) {
        Object c = service(service).get("command");
        if (c == null) {
            return List.of();
        }
        if (c instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        List<String> result = new ArrayList<>();
        for (Object o : (List<?>) c) {
            result.add(String.valueOf(o));
        }
        return result;
    }

    /** A service's environment (map or list form) as names to values. */
    Map<String, String> environment(String service) {
        Object e = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (e instanceof List<?> l) {
            for (Object o : l) {
                String s = String.valueOf(o);
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return result;
    }

    /** A service's volumes in short form, {@code SOURCE:TARGET[:MODE]}. */
    List<String> volumes(String service) {
        Object v = service(service).get("volumes");
        List<String> result = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(o -> result.add(String.valueOf(o)));
        }
        return result;
    }

    /** Network aliases of a service on the default network. */
    List<String> aliases(String service) {
        Object networks = service(service).get("networks");
        if (networks instanceof Map<?, ?> n && n.get("default") instanceof Map<?, ?> d && d.get("aliases") instanceof List<?> a) {
            return a.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new AssertionError(PATH + ": " + where + " is not a mapping");
        }
        return (Map<String, Object>) o;
    }
}
