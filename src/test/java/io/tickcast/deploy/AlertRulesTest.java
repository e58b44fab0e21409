package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules: one set, shipped for compose and as a PrometheusRule for Kubernetes, every alert covered
 * by a promtool unit test, and those tests passing. The promtool run needs Debian's prometheus package (.ci/run
 * installs it); without promtool on the PATH that one test is skipped and says so.
 */
class AlertRulesTest {

    @Test
    void kubernetesGetsExactlyTheRulesComposeGets() {
        Map<String, Object> rule = AlertRules.load(AlertRules.PROMETHEUS_RULE);
        assertThat(rule).containsEntry("apiVersion", "monitoring.coreos.com/v1").containsEntry("kind", "PrometheusRule");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) rule.get("spec");
        assertThat(spec.get("groups")).isEqualTo(AlertRules.groups(AlertRules.RULES));
    }

    @Test
    void composeLoadsTheRulesAndEveryAlertHasAUnitTest() throws Exception {
        assertThat(Files.readString(Path.of("docker/prometheus/prometheus.yml"))).contains("/etc/prometheus/alerts.yml");
        assertThat(Files.readString(Path.of("docker/compose.yaml")))
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        String tests = Files.readString(AlertRules.RULE_TESTS);
        List<String> alerts = AlertRules.alertNames();
        assertThat(alerts).contains("TickcastStreamNotRunning", "TickcastLagGrowing", "TickcastDeadLetters",
                "TickcastModelStale", "TickcastWorseThanNaive", "TickcastRetrainingFailing", "TickcastModelDemoted");
        assertThat(alerts).allSatisfy(a -> assertThat(tests).as(a).contains("alertname: " + a + "\n"));
    }

    @Test
    void promtoolPassesTheRuleUnitTests() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus; .ci/run installs it)");
        Process check = new ProcessBuilder("promtool", "check", "rules", AlertRules.RULES.toString())
                .redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(checked).isZero();
        Process test = new ProcessBuilder("promtool", "test", "rules", AlertRules.RULE_TESTS.toString())
                .redirectErrorStream(true).start();
        String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(test.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(test.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
