package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tickcast.config.TickcastConfig;
import org.junit.jupiter.api.Test;

/** The ACL table of docs/security.md is the code's list ({@link TickcastAcls}) with the default settings, row for row. */
class DocsDocumentTheAclsTest {

    @Test
    void theAclTableListsExactlyTheAclsTheCodeNeeds() throws Exception {
        String readme = Files.readString(Path.of("docs/security.md"));
        String section = readme.substring(readme.indexOf("## ACLs"), readme.indexOf("## When access is refused"));
        List<String> documented = section.lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| resource type"))
                .map(l -> l.replace("`", "").replaceAll("\\s*\\|\\s*", "|").replaceAll("^\\||\\|$", ""))
                .toList();
        List<String> code = TickcastAcls.all(TickcastConfig.defaults()).stream().map(DocsDocumentTheAclsTest::row)
                .toList();
        assertThat(documented).containsExactlyElementsOf(code);
    }

    private static String row(TickcastAcls.Acl a) {
        String type = a.resourceType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return String.join("|", type, a.name(), a.patternType().name().toLowerCase(Locale.ROOT), a.operation().name(),
                a.neededBy().stream().sorted().map(TickcastAcls.User::label).collect(Collectors.joining(", ")));
    }
}
