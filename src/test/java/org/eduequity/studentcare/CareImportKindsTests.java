package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The SDQ and incident CSV imports on the import screen: every bad row reported and nothing applied, a good file
 * previewed then applied once (students evaluated), the same file again changes nothing.
 */
@IntegrationTest
class CareImportKindsTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f-]{36})\"");

    private HttpResponse<String> preview(WebSession s, String kind, String term, String csv) {
        return s.postFile("/care/import", "/care/import/preview", Map.of("kind", kind, "term", term), "file", "f.csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> applyPreviewed(WebSession s, HttpResponse<String> preview) {
        Matcher m = TOKEN.matcher(preview.body());
        assertThat(m.find()).as(preview.body()).isTrue();
        return s.postFromPage("/care/import", "/care/import/apply", Map.of("token", m.group(1)));
    }

    private static String items(String... values) {
        return String.join(",", values);
    }

    @Test
    void sdqFormsAreImportedAllOrNothingAndScored() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long a = CareFixtures.child(jdbc);
        long b = CareFixtures.child(jdbc);
        String idA = CareFixtures.nationalIdOf(jdbc, a);
        String idB = CareFixtures.nationalIdOf(jdbc, b);
        String header = CareImports.Kind.SDQ.header;
        // every difficulty item 2 (reverse-scored items 0 → 2 too), prosocial blank: total 40, PROBLEM
        String[] worst = new String[25];
        for (int i = 1; i <= 25; i++) {
            boolean reverse = i == 7 || i == 11 || i == 14 || i == 21 || i == 25;
            boolean prosocial = i == 1 || i == 4 || i == 9 || i == 17 || i == 20;
            worst[i - 1] = prosocial ? "" : reverse ? "0" : "2";
        }
        String good = idA + ",TEACHER," + items(worst);
        String bad = header + "\n" + good + "\n"
                + idB + ",FRIEND," + items(worst) + "\n"                           // 3: form
                + idB + ",SELF," + items(worst).replaceFirst("2", "3") + "\n"      // 4: item 2 is 3
                + idA + ",teacher," + items(worst) + "\n";                          // 5: the same form twice
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        HttpResponse<String> refused = preview(teacher, "SDQ", term, bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"care-import-row-3\"").contains("id=\"care-import-row-4\"").contains("id=\"care-import-row-5\"")
                .doesNotContain("id=\"apply-care-import\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_sdq WHERE child_id IN (?, ?)", Long.class, a, b)).isZero();

        HttpResponse<String> ok = preview(teacher, "SDQ", term, header + "\r\n" + good + "\r\n" + idB + ",SELF," + items(worst) + "\r\n");
        assertThat(ok.body()).contains("id=\"apply-care-import\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_sdq WHERE child_id IN (?, ?)", Long.class, a, b)).isZero();
        assertThat(applyPreviewed(teacher, ok).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_sdq WHERE child_id IN (?, ?) AND term = ?", Long.class, a, b, term)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT emotional_behaviour FROM care_current WHERE child_id = ? AND term = ?", String.class, a, term))
                .isEqualTo("PROBLEM");
        assertThat(jdbc.queryForObject("SELECT items[7] FROM care_sdq WHERE child_id = ? AND term = ?", Integer.class, a, term)).isZero();
        assertThat(jdbc.queryForObject("SELECT items[1] FROM care_sdq WHERE child_id = ? AND term = ?", Integer.class, a, term)).isNull();
        // the same file again: nothing changes
        long results = jdbc.queryForObject("SELECT count(*) FROM care_result WHERE child_id IN (?, ?)", Long.class, a, b);
        HttpResponse<String> again = preview(teacher, "SDQ", term, header + "\n" + good + "\n");
        assertThat(again.body()).contains("จะเพิ่มใหม่ 0 แก้ไข 0");
        applyPreviewed(teacher, again);
        assertThat(jdbc.queryForObject("SELECT max(version) FROM care_sdq WHERE child_id = ?", Long.class, a)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_result WHERE child_id IN (?, ?)", Long.class, a, b)).isEqualTo(results);
    }

    @Test
    void incidentsAreImportedOnceWithinTheTermAndEvaluated() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long a = CareFixtures.child(jdbc);
        String idA = CareFixtures.nationalIdOf(jdbc, a);
        String in = Term.parse(term).startDate().plusDays(10).toString();
        String header = CareImports.Kind.INCIDENTS.header;
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String bad = header + "\n"
                + idA + "," + in + ",ABUSE,SERIOUS,\"hit, at home\"\n"                          // 2: good
                + idA + "," + Term.parse(term).endDate().plusDays(1) + ",NEGLECT,CONCERN,\n"    // 3: outside the term
                + idA + "," + in + ",FIGHT,CONCERN,x\n"                                         // 4: type
                + idA + "," + in + ",NEGLECT,HIGH,x\n"                                          // 5: severity
                + idA + "," + in + ",ABUSE,SERIOUS,\"hit, at home\"\n";                         // 6: same incident twice
        HttpResponse<String> refused = preview(teacher, "INCIDENTS", term, bad);
        for (int row = 3; row <= 6; row++) {
            assertThat(refused.body()).contains("id=\"care-import-row-" + row + "\"");
        }
        assertThat(refused.body()).doesNotContain("id=\"care-import-row-2\"");
        String good = header + "\n" + idA + "," + in + ",ABUSE,SERIOUS,\"hit, at home\ttab\"\n" + idA + "," + in + ",GAMING,CONCERN,\n";
        HttpResponse<String> ok = preview(teacher, "INCIDENTS", term, good);
        applyPreviewed(teacher, ok);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_incident WHERE child_id = ? AND term = ?", Long.class, a, term)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT note FROM care_incident WHERE child_id = ? AND type = 'ABUSE'", String.class, a))
                .isEqualTo("hit, at home\ttab");
        assertThat(jdbc.queryForObject("SELECT protection FROM care_current WHERE child_id = ? AND term = ?", String.class, a, term))
                .isEqualTo("PROBLEM");
        applyPreviewed(teacher, preview(teacher, "INCIDENTS", term, good));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_incident WHERE child_id = ?", Long.class, a)).isEqualTo(2);
    }
}
