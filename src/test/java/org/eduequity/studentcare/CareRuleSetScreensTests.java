package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The care rule-set screens: the fund office copies the default set, edits the draft's numbers (field errors, nothing
 * saved while any is wrong, a stale form refused), simulates it over a province beside the published set and publishes
 * it; provinces read only.
 */
@IntegrationTest
class CareRuleSetScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    private static Map<String, String> defaults(String term, long lockVersion) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "ทดลองเกณฑ์");
        f.put("effectiveTerms", term);
        f.put("lockVersion", String.valueOf(lockVersion));
        f.put("sdq.maxMissingPerSubscale", "2");
        f.put("sdq.bands.SELF.atRiskFrom", "16");
        f.put("sdq.bands.SELF.problemFrom", "20");
        f.put("sdq.bands.TEACHER.atRiskFrom", "12");
        f.put("sdq.bands.TEACHER.problemFrom", "16");
        f.put("sdq.bands.PARENT.atRiskFrom", "14");
        f.put("sdq.bands.PARENT.problemFrom", "17");
        f.put("learning.atRiskGpaBelow", "2.00");
        f.put("learning.problemGpaBelow", "1.50");
        f.put("learning.atRiskFailedFrom", "1");
        f.put("learning.problemFailedFrom", "2");
        f.put("health.atRiskChronicIllness", "true");
        f.put("health.problemChronicAttendanceBelowPercent", "80");
        f.put("emotionalBehaviour.atRiskConcernFrom", "1");
        f.put("emotionalBehaviour.problemConcernFrom", "3");
        f.put("emotionalBehaviour.problemSeriousFrom", "1");
        f.put("familyEconomy.atRiskSingleParent", "true");
        f.put("familyEconomy.atRiskNoParents", "true");
        f.put("protection.atRiskConcernFrom", "1");
        f.put("protection.problemConcernFrom", "2");
        f.put("protection.problemSeriousFrom", "1");
        return f;
    }

    @Test
    void theFundOfficeCopiesEditsSimulatesAndPublishesADraft() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, child, term, "2.20", 0);
        long source = sets.byCodeAndVersion("care-default", "2569.1").orElseThrow().id();
        WebSession fund = WebSession.loggedIn(port, "fund");
        assertThat(fund.get("/care/rule-sets").body()).contains("care-rule-set-" + source);
        String version = "t" + System.nanoTime() % 1_000_000_000L;
        HttpResponse<String> copied = fund.postFromPage("/care/rule-sets/" + source, "/care/rule-sets/" + source + "/copy", Map.of("version", version));
        assertThat(copied.statusCode()).as(copied.body()).isEqualTo(302);
        Matcher m = Pattern.compile("/care/rule-sets/(\\d+)/edit").matcher(copied.headers().firstValue("Location").orElse(""));
        assertThat(m.find()).isTrue();
        long draft = Long.parseLong(m.group(1));
        String edit = "/care/rule-sets/" + draft + "/edit";
        assertThat(fund.get(edit).statusCode()).isEqualTo(200);

        // a word for a number and bands out of order: both fields in error, nothing saved
        Map<String, String> bad = defaults(term, 0);
        bad.put("learning.atRiskGpaBelow", "two");
        HttpResponse<String> refused = fund.postFromPage(edit, "/care/rule-sets/" + draft, bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"e-learning.atRiskGpaBelow\"").contains("ต้องเป็นตัวเลข");
        Map<String, String> order = defaults(term, 0);
        order.put("sdq.bands.SELF.atRiskFrom", "25");
        assertThat(fund.postFromPage(edit, "/care/rule-sets/" + draft, order).body()).contains("id=\"e-sdq.bands.SELF.problemFrom\"");
        assertThat(jdbc.queryForObject("SELECT lock_version FROM care_rule_set WHERE id = ?", Long.class, draft)).isZero();

        Map<String, String> good = defaults(term, 0);
        good.put("learning.atRiskGpaBelow", "2.50");
        HttpResponse<String> saved = fund.postFromPage(edit, "/care/rule-sets/" + draft, good);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT parameters->'learning'->>'atRiskGpaBelow' FROM care_rule_set WHERE id = ?", String.class, draft))
                .isEqualTo("2.50");
        // the same form again carries the old lock version: refused, the latest values shown
        HttpResponse<String> stale = fund.postFromPage(edit, "/care/rule-sets/" + draft, good);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("id=\"care-rules-stale\"");

        // simulated over Khon Kaen: the student with GPA 2.20 is AT_RISK in LEARNING under the draft, NORMAL under the published set
        String sim = fund.get("/care/rule-sets/" + draft + "/simulate?term=" + term + "&province=40").body();
        assertThat(sim).contains("id=\"simulation-table\"");
        Matcher atRisk = Pattern.compile("id=\"sim-LEARNING-AT_RISK\">.*?<td class=\"num\">(\\d+)</td>\\s*<td class=\"num\">(\\d+)</td>",
                Pattern.DOTALL).matcher(sim);
        assertThat(atRisk.find()).isTrue();
        assertThat(Long.parseLong(atRisk.group(1))).isEqualTo(Long.parseLong(atRisk.group(2)) + 1);
        assertThat(fund.get("/care/rule-sets/" + draft + "/simulate?term=bad&province=99").body()).contains("id=\"simulation-problems\"");

        HttpResponse<String> published = fund.postFromPage("/care/rule-sets/" + draft, "/care/rule-sets/" + draft + "/publish",
                Map.of("lockVersion", "1"));
        assertThat(published.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT status FROM care_rule_set WHERE id = ?", String.class, draft)).isEqualTo("PUBLISHED");
        assertThat(sets.effectiveFor(term).orElseThrow().id()).isEqualTo(draft);
        // retired: it evaluates no more, the set published before it does again
        assertThat(fund.postFromPage("/care/rule-sets/" + draft, "/care/rule-sets/" + draft + "/retire", Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT status FROM care_rule_set WHERE id = ?", String.class, draft)).isEqualTo("RETIRED");
        assertThat(sets.effectiveFor(term).orElseThrow().id()).isNotEqualTo(draft);
    }

    @Test
    void provincesReadTheRuleSetsButMayNotChangeThem() {
        long source = sets.byCodeAndVersion("care-default", "2569.1").orElseThrow().id();
        WebSession province = WebSession.loggedIn(port, "province");
        assertThat(province.get("/care/rule-sets").statusCode()).isEqualTo(200);
        String view = province.get("/care/rule-sets/" + source).body();
        assertThat(view).contains("id=\"care-rule-numbers\"").doesNotContain("id=\"copy-form\"");
        assertThat(province.get("/care/rule-sets/" + source + "/edit").statusCode()).isEqualTo(403);
        assertThat(province.postFromPage("/care/rule-sets", "/care/rule-sets/" + source + "/copy", Map.of("version", "x1")).statusCode())
                .isEqualTo(403);
        assertThat(WebSession.loggedIn(port, "teacher").get("/care/rule-sets").statusCode()).isEqualTo(403);
    }
}
