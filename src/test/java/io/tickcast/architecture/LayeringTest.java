package io.tickcast.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering that docs/architecture.md draws, enforced on the production classes: no package cycle,
 * and each layer depends only on the layers below it. A new package must be placed in a layer here (a class in a
 * package no layer names fails {@link #everyPackageIsInALayer()}).
 */
class LayeringTest {

    private static final String ROOT = "io.tickcast";

    /** Bottom to top; each entry: layer name and its packages. */
    private static final String[][] LAYERS = {
        {"Core", "records", "errors", "settings"},
        {"Model", "lstm", "gate", "interval", "evaluation", "evidence", "serving"},
        {"Config", "config"},
        {"Kafka", "kafka"},
        {"Stream", "topology"},
        {"Registry", "registry"},
        {"Training", "training"},
        {"Backtest", "backtest"},
        {"Operations", "metrics", "http", "client"},
        {"Application", "service", "demo", "cli"},
    };

    /** Layers that sit side by side (neither may use the other), besides the strict order of LAYERS. */
    private static final String[][] SIDE_BY_SIDE = {{"Stream", "Registry"}, {"Stream", "Training"}};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        var rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] layer : LAYERS) {
            rule = rule.layer(layer[0]).definedBy(packages(layer));
        }
        for (int i = 0; i < LAYERS.length - 1; i++) {
            rule = rule.whereLayer(LAYERS[i][0]).mayOnlyBeAccessedByLayers(above(i));
        }
        rule = rule.whereLayer(LAYERS[LAYERS.length - 1][0]).mayNotBeAccessedByAnyLayer();
        ((ArchRule) rule).check(classes);
    }

    @Test
    void everyPackageIsInALayer() {
        Set<String> known = new HashSet<>();
        for (String[] layer : LAYERS) {
            for (int j = 1; j < layer.length; j++) {
                known.add(ROOT + "." + layer[j]);
            }
        }
        List<String> stray = classes.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> known.stream().noneMatch(k -> p.equals(k) || p.startsWith(k + ".")))
                .distinct().sorted().toList();
        assertThat(stray)
                .as("packages that no layer in LayeringTest (and docs/architecture.md) names").isEmpty();
    }

    private static String[] packages(String[] layer) {
        String[] out = new String[layer.length - 1];
        for (int j = 1; j < layer.length; j++) {
            out[j - 1] = ROOT + "." + layer[j] + "..";
        }
        return out;
    }

    /** The names of the layers above LAYERS[i], less those that sit side by side with it. */
    private static String[] above(int i) {
        List<String> out = new ArrayList<>();
        for (int j = i + 1; j < LAYERS.length; j++) {
            if (!sideBySide(LAYERS[i][0], LAYERS[j][0])) {
                out.add(LAYERS[j][0]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static boolean sideBySide(String a, String b) {
        for (String[] pair : SIDE_BY_SIDE) {
            if (pair[0].equals(a) && pair[1].equals(b) || pair[0].equals(b) && pair[1].equals(a)) {
                return true;
            }
        }
        return false;
    }
}
