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
 * The teacher's class page, the head/province dashboard with its exports, and the student page: levels and areas from
 * care_current (UNKNOWN as such), worst first, filters, scope, counts checked against an independent count of the
 * children, audited exports and reads.
 */
@IntegrationTest
class CareClassAndDashboardTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    private String term() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        return term;
    }

    /** Saves grades through the entry screen (the student is evaluated there). */
    private void grades(WebSession teacher, long child, String term, String gpa) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("term", term, "gpa", gpa, "failedSubjects", "", "version", ""));
        HttpResponse<String> r = teacher.postFromPage("/care/children/" + child + "/grades?term=" + term, "/care/children/" + child + "/grades", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    private static String row(String html, String id) {
        Matcher m = Pattern.compile("<tr id=\"" + Pattern.quote(id) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theClassPageListsTheTeachersStudentsWorstFirstWithFiltersAndScope() {
        String term = term();
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        long problem = CareFixtures.child(jdbc);
        long atRisk = CareFixtures.child(jdbc);
        long normal = CareFixtures.child(jdbc);
        grades(teacher, normal, term, "3.50");
        grades(teacher, atRisk, term, "1.80");
        grades(teacher, problem, term, "1.00");
        String html = teacher.get("/care/class?term=" + term).body();
        int p = html.indexOf("id=\"class-row-" + problem + "\"");
        int a = html.indexOf("id=\"class-row-" + atRisk + "\"");
        assertThat(p).isPositive();
        assertThat(a).isGreaterThan(p);
        String problemRow = row(html, "class-row-" + problem);
        assertThat(problemRow).contains("risk-PROBLEM").contains("มีปัญหา");
        // HEALTH has no data: UNKNOWN, never NORMAL
        assertThat(problemRow).containsPattern("data-area=\"HEALTH\"><span class=\"badge risk-badge risk-dot risk-UNKNOWN\"");
        // the warning column: LEARNING PROBLEM is a COURSE_PERFORMANCE ALERT, AT_RISK a WATCH, a normal student has none
        assertThat(problemRow).contains("warning-badge warning-ALERT");
        assertThat(row(html, "class-row-" + atRisk)).contains("warning-badge warning-WATCH");
        // (the normal student sorts after every unevaluated student of the school, so it is found by its level's filter)
        String normals = teacher.get("/care/class?term=" + term + "&level=NORMAL").body();
        assertThat(row(normals, "class-row-" + normal)).isNotNull().doesNotContain("warning-badge");
        // filters: the students of the term with a PROBLEM level; with LEARNING AT_RISK
        String problems = teacher.get("/care/class?term=" + term + "&level=PROBLEM").body();
        assertThat(problems).contains("class-row-" + problem).doesNotContain("class-row-" + atRisk).contains("พบนักเรียน 1 คน");
        String learningAtRisk = teacher.get("/care/class?term=" + term + "&area=LEARNING&level=AT_RISK").body();
        assertThat(learningAtRisk).contains("class-row-" + atRisk).doesNotContain("class-row-" + problem).doesNotContain("class-row-" + normal);
        // scope: the other school and Rayong see none of them, the province does, the fund office may not open the page
        assertThat(WebSession.loggedIn(port, "teacher2").get("/care/class?term=" + term + "&level=PROBLEM").body())
                .doesNotContain("class-row-" + problem);
        assertThat(WebSession.loggedIn(port, "province2").get("/care/class?term=" + term + "&level=PROBLEM").body())
                .doesNotContain("class-row-" + problem);
        assertThat(WebSession.loggedIn(port, "province").get("/care/class?term=" + term + "&level=PROBLEM").body())
                .contains("class-row-" + problem);
        assertThat(WebSession.loggedIn(port, "fund").get("/care/class").statusCode()).isEqualTo(403);
        long otherUnit = jdbc.queryForObject("SELECT id FROM org_unit WHERE province_code = '21' ORDER BY id LIMIT 1", Long.class);
        assertThat(teacher.get("/care/class?unit=" + otherUnit).statusCode()).isEqualTo(403);
        assertThat(teacher.get("/care/class?level=BAD").statusCode()).isEqualTo(400);
    }

    @Test
    void theDashboardCountsMatchAnIndependentCountAndItsExportsAreAudited() {
        String term = term();
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        long p1 = CareFixtures.child(jdbc);
        long p2 = CareFixtures.child(jdbc);
        long r1 = CareFixtures.child(jdbc);
        jdbc.update("UPDATE child SET grade_level = 'M3' WHERE id = ?", p2);
        grades(teacher, p1, term, "1.00");
        grades(teacher, p2, term, "1.20");
        grades(teacher, r1, term, "1.90");
        WebSession province = WebSession.loggedIn(port, "province");
        String html = province.get("/care/dashboard?term=" + term).body();
        long children = jdbc.queryForObject("SELECT count(*) FROM child WHERE province_code = '40' AND status = 'IN_SCHOOL'", Long.class);
        assertThat(stat(html, "level-PROBLEM")).isEqualTo(2);
        assertThat(stat(html, "level-AT_RISK")).isEqualTo(1);
        assertThat(stat(html, "level-NORMAL")).isZero();
        assertThat(stat(html, "level-UNKNOWN")).isEqualTo(children - 3);
        assertThat(stat(html, "level-total")).isEqualTo(children);
        assertThat(cell(row(html, "by-grade-M3"), "PROBLEM")).isEqualTo(1);
        assertThat(cell(row(html, "by-area-LEARNING"), "PROBLEM")).isEqualTo(2);
        assertThat(cell(row(html, "by-area-LEARNING"), "AT_RISK")).isEqualTo(1);
        assertThat(cell(row(html, "by-school-" + CareFixtures.UNIT), "PROBLEM")).isEqualTo(2);
        // a count leads to its students on the class page
        assertThat(row(html, "by-grade-M3")).contains("href=\"/care/class?term=" + term + "&amp;unit=&amp;grade=M3&amp;level=PROBLEM\"");
        // Rayong's province user sees none of them
        assertThat(stat(WebSession.loggedIn(port, "province2").get("/care/dashboard?term=" + term).body(), "level-PROBLEM")).isZero();
        // a teacher sees their units' students only: the same 2 here
        assertThat(stat(teacher.get("/care/dashboard?term=" + term).body(), "level-PROBLEM")).isEqualTo(2);
        assertThat(stat(WebSession.loggedIn(port, "teacher2").get("/care/dashboard?term=" + term).body(), "level-PROBLEM")).isZero();

        long exports = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND entity_type LIKE 'Care%'", Long.class);
        HttpResponse<String> csv = province.get("/care/dashboard/counts.csv?term=" + term);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF").contains("ตามระดับ,ทั้งหมด,2,1,0," + (children - 3) + "," + children);
        HttpResponse<String> students = province.get("/care/dashboard/students.csv?term=" + term + "&level=PROBLEM");
        assertThat(students.body().lines().count()).isEqualTo(3);
        assertThat(students.body()).contains(CareFixtures.nationalIdOf(jdbc, p1)).contains(CareFixtures.nationalIdOf(jdbc, p2))
                .doesNotContain(CareFixtures.nationalIdOf(jdbc, r1));
        HttpResponse<String> xlsx = province.get("/care/dashboard/counts.xlsx?term=" + term);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith("PK");
        assertThat(province.get("/care/dashboard/students.xlsx?term=" + term + "&level=PROBLEM").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND entity_type LIKE 'Care%'", Long.class))
                .isEqualTo(exports + 4);
        // the teacher's student export holds none of the other school's students
        assertThat(WebSession.loggedIn(port, "teacher2").get("/care/dashboard/students.csv?term=" + term + "&level=PROBLEM").body().lines().count())
                .isEqualTo(1);
    }

    @Test
    void theStudentPageShowsHistoryHealthIncidentsAndVisitsAndEveryReadIsAudited() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 25);
        CareFixtures.grade(jdbc, child, term, "2.10", 0);
        CareFixtures.health(jdbc, child, term, "STUNTED", false);
        CareFixtures.incident(jdbc, child, term, "SUBSTANCE", "SERIOUS");
        CareFixtures.visit(jdbc, child, term, true, false, true, "EXTREMELY_POOR");
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        long reads = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_type = 'CareRisk' AND entity_id = ?",
                Long.class, String.valueOf(child));
        String html = teacher.get("/care/children/" + child + "/risk?term=" + term).body();
        assertThat(row(html, "history-" + term.replace('/', '-'))).contains("ร้อยละ 75 (100 วัน ขาด 25)").contains("2.10");
        assertThat(html).contains("id=\"risk-health\"").contains("เตี้ยกว่าเกณฑ์").contains("id=\"risk-incidents\"").contains("สารเสพติด")
                .contains("id=\"risk-visits\"").contains("id=\"risk-warning\"").contains("id=\"entry-link-attendance\"")
                .contains("id=\"child-screening\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_type = 'CareRisk' AND entity_id = ?",
                Long.class, String.valueOf(child))).isEqualTo(reads + 1);
        // the fund office reads it without the entry links; the other school and Rayong may not
        String fund = WebSession.loggedIn(port, "fund").get("/care/children/" + child + "/risk?term=" + term).body();
        assertThat(fund).contains("id=\"risk-history\"").doesNotContain("id=\"risk-entry-links\"");
        assertThat(WebSession.loggedIn(port, "teacher2").get("/care/children/" + child + "/risk?term=" + term).statusCode()).isEqualTo(403);
        assertThat(WebSession.loggedIn(port, "province2").get("/care/children/" + child + "/risk?term=" + term).statusCode()).isEqualTo(403);
        assertThat(teacher.get("/care/children/999999999/risk").statusCode()).isEqualTo(404);
    }

    private static long stat(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">\\s*<span class=\"stat-value\">(\\d+)</span>").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long cell(String row, String level) {
        assertThat(row).isNotNull();
        Matcher m = Pattern.compile("data-level=\"" + level + "\">(?:<a\\s[^>]*>|<span>)(\\d+)<").matcher(row);
        assertThat(m.find()).as(level + " in " + row).isTrue();
        return Long.parseLong(m.group(1));
    }
}
