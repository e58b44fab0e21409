package io.tickcast.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.records.Json;

/** Reads a Grafana dashboard's PromQL expressions and the metric names they use (for tests). */
public final class DashboardQueries {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private DashboardQueries() {
    }

    /** Every PromQL expression of the dashboard: panel targets (also in collapsed rows) and query variables. */
    public static List<String> expressions(Path dashboard) throws IOException {
        JsonNode root = Json.MAPPER.readTree(dashboard.toFile());
        List<String> exprs = new ArrayList<>();
        collectTargets(root.path("panels"), exprs);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue; // datasource, custom and interval variables hold no PromQL
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText("") : query.asText("");
            if (!text.isBlank()) {
                exprs.add(text);
            }
        }
        return exprs;
    }

    private static void collectTargets(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    exprs.add(expr);
                }
            }
            collectTargets(panel.path("panels"), exprs);
        }
    }

    /** The metric names one expression selects (functions, keywords, labels and numbers left out). */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.find()) {
            names.add(lv.group(1));
            return names;
        }
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // label values
                .replaceAll("\\{[^}]*}", " ")                        // label matchers
                .replaceAll("\\[[^]]*]", " ");                      // range selectors and subqueries
        s = GROUPING.matcher(s).replaceAll(" ");
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            boolean isCall = m.group(2) != null;
            if (!isCall && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }
}
