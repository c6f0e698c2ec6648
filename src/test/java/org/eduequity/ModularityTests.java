package org.eduequity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries hold on every build, and the module diagrams in docs/ are regenerated. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(EduEquityApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("geography", "organisation", "account", "audit", "survey", "reporting", "shared");
    }

    @Test
    void writesTheModuleDiagramsIntoDocs() throws Exception {
        Path output = Path.of("docs", "modules");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(output.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        stabilise(output);
        assertThat(output.resolve("components.puml")).exists();
        assertThat(Files.readString(output.resolve("components.puml"))).contains("Account").contains("Organisation");
    }

    /**
     * The documenter lists components and relations in no fixed order; sorting each run of such lines keeps the
     * committed diagrams unchanged from build to build unless the modules really change.
     */
    private static void stabilise(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> out = new ArrayList<>();
                List<String> run = new ArrayList<>();
                String runKind = null;
                for (String line : Files.readAllLines(file)) {
                    String kind = line.startsWith("Rel(") ? "Rel" : line.trim().startsWith("Component(") ? "Component" : null;
                    if (kind == null || !kind.equals(runKind)) {
                        run.sort(null);
                        out.addAll(run);
                        run.clear();
                    }
                    if (kind == null) {
                        out.add(line);
                    } else {
                        run.add(line);
                    }
                    runKind = kind;
                }
                run.sort(null);
                out.addAll(run);
                Files.write(file, out);
            }
        }
    }
}
