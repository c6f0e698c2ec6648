package org.eduequity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(output.resolve("components.puml")).exists();
        assertThat(Files.readString(output.resolve("components.puml"))).contains("Account").contains("Organisation");
    }
}
