package org.eduequity.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Thai and English stay in step: every key is in both files, every key a template names exists, and
 * templates hold no literal text (every label comes from the message files).
 */
class MessagesAndTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");
    private static final Pattern DYNAMIC_KEY_PREFIX = Pattern.compile("#\\{'([A-Za-z0-9_.]+\\.)'\\s*\\+");
    /** Attributes a user reads or hears: they must be th: attributes fed from messages. */
    private static final Pattern LITERAL_ATTRIBUTE = Pattern.compile(
            "\\s(placeholder|title|alt|aria-label|data-confirm)=\"[^\"]*\\p{L}[^\"]*\"");

    @Test
    void thaiAndEnglishHaveTheSameKeys() throws IOException {
        Properties th = load("messages_th.properties");
        Properties en = load("messages_en.properties");
        assertThat(th.stringPropertyNames()).as("keys missing from messages_en.properties")
                .isSubsetOf(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).as("keys missing from messages_th.properties")
                .isSubsetOf(th.stringPropertyNames());
        assertThat(th.stringPropertyNames()).hasSizeGreaterThan(50);
        th.forEach((k, v) -> assertThat(v.toString()).as("empty Thai text for %s", k).isNotBlank());
        en.forEach((k, v) -> assertThat(v.toString()).as("empty English text for %s", k).isNotBlank());
    }

    @Test
    void thaiFileIsInThai() throws IOException {
        Properties th = load("messages_th.properties");
        long thai = th.values().stream().map(Object::toString).filter(v -> v.codePoints().anyMatch(c -> c >= 0x0E00 && c <= 0x0E7F)).count();
        assertThat(thai).as("Thai messages written in Thai script").isGreaterThan(th.size() * 8L / 10);
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> keys = load("messages_th.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template);
            Matcher m = KEY_IN_TEMPLATE.matcher(html);
            while (m.find()) {
                if (!keys.contains(m.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + m.group(1));
                }
            }
            Matcher d = DYNAMIC_KEY_PREFIX.matcher(html);
            while (d.find()) {
                String prefix = d.group(1);
                if (keys.stream().noneMatch(k -> k.startsWith(prefix))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + prefix + "*");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesHoldNoLiteralText() throws IOException {
        List<String> literal = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template)
                    .replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("(?s)<script.*?</script>", "")
                    .replaceAll("(?s)<style.*?</style>", "");
            // text between tags
            Matcher text = Pattern.compile(">([^<]+)<").matcher(html);
            while (text.find()) {
                String t = text.group(1).strip();
                if (!t.isEmpty() && t.codePoints().anyMatch(Character::isLetter)) {
                    literal.add(TEMPLATES.relativize(template) + ": text \"" + t + "\"");
                }
            }
            Matcher attr = LITERAL_ATTRIBUTE.matcher(html);
            while (attr.find()) {
                literal.add(TEMPLATES.relativize(template) + ": attribute " + attr.group().strip());
            }
        }
        assertThat(literal).isEmpty();
    }

    @Test
    void theLiteralTextCheckCatchesLiteralText() {
        String html = "<p>สวัสดี</p><input placeholder=\"Name\">";
        assertThat(Pattern.compile(">([^<]+)<").matcher(html).find()).isTrue();
        assertThat(LITERAL_ATTRIBUTE.matcher(html).find()).isTrue();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesAndTemplatesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @SuppressWarnings("unused")
    private static Set<String> sorted(Set<String> s) {
        return new TreeSet<>(s);
    }
}
