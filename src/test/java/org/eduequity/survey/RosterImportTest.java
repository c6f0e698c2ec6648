package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The roster import's value rules, and every message key its screens use in both languages. */
class RosterImportTest {

    @Test
    void readsGradeLevelsAsCodesOrThaiShortForms() {
        assertThat(GradeLevel.parse("p1")).contains(GradeLevel.P1);
        assertThat(GradeLevel.parse(" M6 ")).contains(GradeLevel.M6);
        assertThat(GradeLevel.parse("ป.1")).contains(GradeLevel.P1);
        assertThat(GradeLevel.parse("ม. 3")).contains(GradeLevel.M3);
        assertThat(GradeLevel.parse("อ.2")).contains(GradeLevel.K2);
        assertThat(GradeLevel.parse("กศน.")).contains(GradeLevel.NFE);
        assertThat(GradeLevel.parse("ECE")).contains(GradeLevel.ECE);
        assertThat(GradeLevel.parse("P7")).isEmpty();
        assertThat(GradeLevel.parse("ป.7")).isEmpty();
        assertThat(GradeLevel.parse("")).isEmpty();
    }

    @Test
    void readsSexInEnglishOrThai() {
        assertThat(RosterImport.sex("m")).contains(Sex.MALE);
        assertThat(RosterImport.sex("ช")).contains(Sex.MALE);
        assertThat(RosterImport.sex("ชาย")).contains(Sex.MALE);
        assertThat(RosterImport.sex("F")).contains(Sex.FEMALE);
        assertThat(RosterImport.sex(" ญ ")).contains(Sex.FEMALE);
        assertThat(RosterImport.sex("หญิง")).contains(Sex.FEMALE);
        assertThat(RosterImport.sex("X")).isEqualTo(Optional.empty());
    }

    @Test
    void everyKeyUsedIsInBothLanguagesAndTemplatesHoldNoLiteralText() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(Path.of("src/main/resources/templates/survey"), Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]"), used);
        collect(Path.of("src/main/java/org/eduequity/survey"), Pattern.compile("\"(roster\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\""), used);
        for (GradeLevel g : GradeLevel.values()) {
            used.add("roster.grade." + g);
        }
        for (RosterImport.RowStatus s : RosterImport.RowStatus.values()) {
            used.add("roster.import.status." + s);
        }
        for (String column : RosterImport.HEADER) {
            used.add("roster.import.col." + column);
        }
        used.add("roster.import.charset.utf8");
        used.add("roster.import.charset.thai");
        used.add("nav.rosterImport");
        assertThat(used).hasSizeGreaterThan(60);
        assertThat(load("messages_th.properties").stringPropertyNames()).containsAll(used);
        assertThat(load("messages_en.properties").stringPropertyNames()).containsAll(used);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates/survey"))) {
            for (Path file : files.toList()) {
                String html = Files.readString(file);
                assertThat(html).as(file.toString()).doesNotContain("style=", "<script", "onclick", "onchange");
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
        keys.removeIf(key -> key.endsWith("."));
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
