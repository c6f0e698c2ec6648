package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.eduequity.survey.SurveyApiTests;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The screening on the child's page: the current result explained area by area in Thai, the missing answers of an
 * INCOMPLETE household, and the history of results with what changed.
 */
@IntegrationTest
class ScreeningResultScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Screening screening;

    @Autowired
    TransactionTemplate tx;

    private long submitExampleB(String student) {
        TestHousehold b = WorkedExamples.all().stream().filter(e -> e.name().equals("B")).findFirst().orElseThrow().household();
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(b.json("2569/1", "2026-06-20", List.of(student)))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return jdbc.queryForObject("SELECT id FROM child WHERE national_id = ?", Long.class, student);
    }

    private void rescreen(long visitId) {
        tx.executeWithoutResult(s -> screening.screenVisits(List.of(visitId), ScreeningResult.Cause.RESUBMITTED));
    }

    @Test
    void theTeacherSeesTheResultExplainedAreaByAreaAndItsHistory() {
        String student = SurveyApiTests.newNationalId();
        long childId = submitExampleB(student);
        long visitId = jdbc.queryForObject("SELECT visit_id FROM visit_student WHERE child_id = ?", Long.class, childId);
        WebSession teacher = WebSession.loggedIn(port, "teacher").acceptLanguage("th");

        String html = teacher.get("/children/" + childId).body();
        // the child's risk and care panel is one link away (no dead end for the student-care pages)
        assertThat(html).contains("id=\"care-risk\" href=\"/care/children/" + childId + "/risk\"");
        assertThat(teacher.get("/care/children/" + childId + "/risk").statusCode()).isEqualTo(200);
        assertThat(html).contains("id=\"child-screening\"").contains("id=\"screening-2569-1\"")
                .contains("ยากจนพิเศษ")
                .contains("1,166.67 บาท")
                .contains("3,500.00 บาท")
                .contains("3 คน")
                .contains("51 คะแนน (ยากจนพิเศษเมื่อได้ 20 คะแนนขึ้นไป)")
                .contains("รายได้เฉลี่ยต่อคน 1,166.67 ไม่เกินเกณฑ์ 3,000.00")
                // dependants: the relative of 40, unemployed and not studying, and the single-parent bonus
                .contains("สมาชิกที่เป็นภาระพึ่งพิง 1 คน นับ 1 คน × 5 คะแนน (5)")
                .contains("ครอบครัวพ่อหรือแม่เลี้ยงเดี่ยว (5)")
                .contains("ญาติ อายุ 40 ปี</span><span>: วัยทำงาน ว่างงานและไม่ได้เรียน</span>")
                .contains("การครอบครองที่อยู่อาศัย: อาศัยอยู่กับผู้อื่น (6)")
                .contains("วัสดุพื้นบ้าน: ดิน (5)")
                .contains("วัสดุฝาบ้าน: ไม้ไผ่/วัสดุเหลือใช้ (5)")
                .contains("วัสดุหลังคา: สังกะสี/แผ่นพลาสติก (5)")
                .contains("ไม่มีห้องส้วมในที่อยู่อาศัย (4)")
                .contains("แหล่งน้ำดื่ม: น้ำฝน/ลำธาร/ภูเขา (5)")
                .contains("ไฟฟ้า: ต่อพ่วงจากผู้อื่น/แบตเตอรี่ (5)")
                .contains("ไม่มียานพาหนะ (3)")
                .contains("cct-pmt-default รุ่น 2569.1")
                .contains("ส่งแบบเยี่ยมบ้าน")
                .contains("ผลแรกของภาคเรียนนี้");
        assertThat(html).containsPattern("id=\"area-2569-1-DWELLING\">\\s*<th scope=\"row\">สภาพที่อยู่อาศัย</th>\\s*<td class=\"num\">19</td>");

        // the visit is corrected (own house of cement with a toilet, tap water, a meter, not single-parent) and screened again
        jdbc.update("""
                UPDATE home_visit SET single_parent = false, housing_tenure = 'OWN', housing_floor = 'CEMENT', housing_walls = 'CEMENT_RENDERED',
                housing_roof = 'TILE', has_toilet = true, drinking_water = 'TAP', electricity = 'METER' WHERE id = ?""", visitId);
        rescreen(visitId);
        html = teacher.get("/children/" + childId).body();
        assertThat(html).contains("ส่งแบบเยี่ยมบ้านที่แก้ไขแล้ว")
                .contains("ผลการคัดกรอง ยากจนพิเศษ → ยากจน")
                .contains("คะแนน 51 → 12")
                .contains("วัสดุพื้นบ้าน: ซีเมนต์ (1)")
                .contains("12 คะแนน (ยากจนพิเศษเมื่อได้ 20 คะแนนขึ้นไป)");
        assertThat(html.split("id=\"screening-result-", -1)).hasSize(3);
        // newest first
        assertThat(html.indexOf("ส่งแบบเยี่ยมบ้านที่แก้ไขแล้ว")).isLessThan(html.indexOf("ผลแรกของภาคเรียนนี้"));

        // an answer goes missing: INCOMPLETE, with the missing answer named in Thai
        jdbc.update("UPDATE home_visit SET housing_floor = NULL WHERE id = ?", visitId);
        rescreen(visitId);
        html = teacher.get("/children/" + childId).body();
        assertThat(html).contains("ข้อมูลไม่ครบ").contains("ยังคัดกรองไม่ได้ เพราะยังไม่ได้ตอบข้อต่อไปนี้")
                .containsPattern("<ul class=\"screening-missing\">\\s*<li>วัสดุพื้นบ้าน</li>")
                .contains("ผลการคัดกรอง ยากจน → ข้อมูลไม่ครบ");
        assertThat(html.split("id=\"screening-result-", -1)).hasSize(4);

        // the province and the fund office see it too; English labels come from the English file
        assertThat(WebSession.loggedIn(port, "province").get("/children/" + childId).body()).contains("id=\"child-screening\"");
        assertThat(WebSession.loggedIn(port, "fund").get("/children/" + childId + "?lang=en").body())
                .contains("Incomplete").contains("Screening history");
    }

    @Test
    void aChildWithoutAResultSaysSo() {
        long childId = jdbc.queryForObject("""
                SELECT c.id FROM child c JOIN org_unit u ON u.id = c.org_unit_id WHERE u.code = '1040010001'
                AND NOT EXISTS (SELECT 1 FROM visit_student s WHERE s.child_id = c.id) ORDER BY c.id LIMIT 1""", Long.class);
        String html = WebSession.loggedIn(port, "teacher").acceptLanguage("th").get("/children/" + childId).body();
        assertThat(html).contains("id=\"no-screening\"").doesNotContain("id=\"screening-history\"");
    }
}
