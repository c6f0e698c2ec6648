package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** The fund office's screens for re-screening runs and what-if simulations. */
@IntegrationTest
class ScreeningRunScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Screening screening;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    JsonMapper json;

    private String freshTerm() {
        return (2510 + (int) (System.nanoTime() % 50)) + "/1"; // below 2569: the screened list defaults to the latest term
    }

    private long ruleSet(String status, String term, RuleParameters parameters) {
        return TestRuleSets.insert(jdbc, json, "test-screens", status, term, parameters);
    }

    private String awaitDone(WebSession fund, String location) throws InterruptedException {
        String page = fund.get(location).body();
        for (int i = 0; i < 600 && page.contains("id=\"run-progress\""); i++) {
            Thread.sleep(50);
            page = fund.get(location).body();
        }
        return page;
    }

    @Test
    void theFundOfficeStartsARunFollowsItAndReadsItsCounts() throws Exception {
        RuleParameters defaults = ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow().parameters();
        String term = freshTerm();
        long published = ruleSet("PUBLISHED", term, defaults);
        List<TestHousehold> households = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            households.add(ScreeningEngineTests.randomHousehold(random, List.of("40", "21")));
        }
        tx.executeWithoutResult(s -> screening.screenVisits(TestHouseholds.insert(jdbc, term, households), ScreeningResult.Cause.SUBMITTED));

        WebSession fund = WebSession.loggedIn(port, "fund");
        HttpResponse<String> list = fund.get("/screening/runs");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"run-form\"").contains("เริ่มคัดกรองซ้ำ");

        HttpResponse<String> bad = fund.postFromPage("/screening/runs", "/screening/runs",
                Map.of("term", "2569-1", "province", "", "ruleSet", Long.toString(published)));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"term-error\"").contains("ภาคเรียนต้องอยู่ในรูปแบบ");

        HttpResponse<String> started = fund.postFromPage("/screening/runs", "/screening/runs",
                Map.of("term", term, "province", "", "ruleSet", Long.toString(published)));
        assertThat(started.statusCode()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/screening/runs/\\d+");
        String page = awaitDone(fund, location.replaceAll("^https?://[^/]+", ""));
        assertThat(page).contains("id=\"run-status\"").contains("เสร็จแล้ว").contains("id=\"moves-table\"");
        int students = households.stream().mapToInt(h -> (int) h.members().stream().filter(m -> "STUDENT".equals(m.relationship())).count())
                .sum();
        assertThat(page).contains("ทั้งหมด 60 ครัวเรือน " + String.format("%,d", students) + " นักเรียน");

        HttpResponse<String> csv = fund.get(location.replaceAll("^https?://[^/]+", "") + "/counts.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFรหัสจังหวัด,จังหวัด,กลุ่มเดิม,กลุ่มใหม่,ครัวเรือน,นักเรียน\r\n");
        int csvStudents = csv.body().lines().skip(1).mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))).sum();
        assertThat(csvStudents).isEqualTo(students);

        // a what-if of a draft against the published set, with the budget at 400 baht per extremely poor child
        RuleParameters generous = new RuleParameters(defaults.incomeCeiling(), 10, Map.of(), defaults.dependants(), defaults.tenure(),
                defaults.floor(), defaults.walls(), defaults.roof(), defaults.noToilet(), defaults.farmland(), defaults.water(),
                defaults.electricity(), defaults.vehicles(), defaults.appliances());
        long draft = ruleSet("DRAFT", term, generous);
        HttpResponse<String> badWhatIf = fund.postFromPage("/screening/what-if", "/screening/what-if", Map.of("term", term, "province", "",
                "ruleSet", Long.toString(draft), "compareRuleSet", Long.toString(published), "amountPerChild", "สี่ร้อย"));
        assertThat(badWhatIf.statusCode()).isEqualTo(200);
        assertThat(badWhatIf.body()).contains("id=\"amountPerChild-error\"").contains("id=\"fundedClasses-error\"");
        HttpResponse<String> whatIf = fund.postFromPage("/screening/what-if", "/screening/what-if", Map.of("term", term, "province", "",
                "ruleSet", Long.toString(draft), "compareRuleSet", Long.toString(published), "amountPerChild", "400.00",
                "fundedClasses", "EXTREMELY_POOR"));
        assertThat(whatIf.statusCode()).isEqualTo(302);
        String whatIfPage = awaitDone(fund, whatIf.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", ""));
        assertThat(whatIfPage).contains("id=\"budget-before\"").contains("id=\"budget-after\"");
        long extremelyPoorBefore = jdbc.queryForObject("""
                SELECT coalesce(sum((SELECT count(*) FROM visit_student vs WHERE vs.visit_id = c.visit_id)), 0)
                FROM screening_current c WHERE c.term = ? AND c.classification = 'EXTREMELY_POOR'""", Long.class, term);
        assertThat(whatIfPage).contains(String.format("%,d.00", extremelyPoorBefore * 400));
    }

    @Test
    void onlyTheFundOfficeStartsRunsAndTeachersSeeNone() {
        assertThat(WebSession.loggedIn(port, "teacher").get("/screening/runs").statusCode()).isEqualTo(403);
        assertThat(WebSession.loggedIn(port, "province").get("/screening/what-if").statusCode()).isEqualTo(403);
        WebSession admin = WebSession.loggedIn(port, "admin");
        assertThat(admin.get("/screening/runs").statusCode()).isEqualTo(200);
        assertThat(admin.get("/screening/runs").body()).doesNotContain("id=\"run-form\"");
    }
}
