package org.eduequity.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message key the organisation screens use (in templates and in the module's code, including the enum
 * labels) is in both the Thai and the English file, and the templates hold no literal text.
 */
class OrganisationMessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates/organisation");
    private static final Path CODE = Path.of("src/main/java/org/eduequity/organisation");

    @Test
    void everyKeyUsedIsInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(TEMPLATES, Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]"), used);
        collect(CODE, Pattern.compile("\"(orgUnit\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\""), used);
        used.removeIf(key -> key.endsWith("."));
        for (OrgUnitType t : OrgUnitType.values()) {
            used.add("orgUnit.type." + t);
        }
        for (Affiliation a : Affiliation.values()) {
            used.add("orgUnit.affiliation." + a);
        }
        for (OrgUnitImport.RowStatus s : OrgUnitImport.RowStatus.values()) {
            used.add("orgUnit.import.status." + s);
        }
        assertThat(used).hasSizeGreaterThan(80);
        assertThat(load("messages_th.properties").stringPropertyNames()).containsAll(used);
        assertThat(load("messages_en.properties").stringPropertyNames()).containsAll(used);
    }

    @Test
    void templatesHoldNoLiteralTextNorInlineStyleOrScript() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.toList()) {
                String html = Files.readString(file);
                assertThat(html).as(file.toString()).doesNotContain("style=", "<script", "onclick", "onchange");
                // text between tags is only whitespace
                Matcher text = Pattern.compile(">([^<]*)<").matcher(html);
                while (text.find()) {
                    assertThat(text.group(1).isBlank()).as("literal text %s in %s", text.group(1), file).isTrue();
                }
            }
        }
    }

    private static void collect(Path dir, Pattern pattern, Set<String> keys) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
