package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.screening.TestHousehold.Member.of;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.survey.SurveyApiTests;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The screened list over HTTP: filters, counts per classification, paging that keeps the filters, the empty state,
 * and the area rules (a province sees its own province only, whatever the parameters; teachers not at all). Every
 * test reads only households of organisation units created here.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenedListScreensTests {

    private static final AtomicLong NEXT = new AtomicLong((System.currentTimeMillis() / 1000 % 100_000) * 10_000);
    private static final String TERM = "2569/1";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** Khon Kaen, district 4001 (Mueang); Khon Kaen, district 4005; Rayong. */
    private String unitA;
    private String unitB;
    private String unitRayong;
    private final List<String> unitAStudents = new ArrayList<>();
    private String rayongStudent;

    private String newUnit(String subdistrict) {
        String code = String.format("8%09d", NEXT.incrementAndGet() % 1_000_000_000L);
        jdbc.update("""
                INSERT INTO org_unit (code, name_th, name_en, type, affiliation, subdistrict_code, district_code, province_code)
                VALUES (?, ?, ?, 'SCHOOL', 'OBEC', ?, ?, ?)""", code, "โรงเรียนทดสอบคัดกรอง " + code, "Screening test school " + code,
                subdistrict, subdistrict.substring(0, 4), subdistrict.substring(0, 2));
        return code;
    }

    /** Submits the household (as admin) to the unit, its home in the subdistrict; one new national id per student. */
    private List<String> submit(TestHousehold household, String unit, String subdistrict) {
        List<String> students = new ArrayList<>();
        household.members().stream().filter(m -> "STUDENT".equals(m.relationship())).forEach(m -> students.add(SurveyApiTests.newNationalId()));
        String json = household.json(TERM, "2026-06-20", students).replace("\"orgUnitCode\": \"1040010001\"", "\"orgUnitCode\": \"" + unit + "\"")
                .replace("\"subdistrictCode\": \"400102\"", "\"subdistrictCode\": \"" + subdistrict + "\"");
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "admin", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return students;
    }

    private static TestHousehold example(String name) {
        return WorkedExamples.all().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().household();
    }

    private static TestHousehold manyStudents(int students) {
        List<TestHousehold.Member> members = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            members.add(of("STUDENT", 7 + i % 8).inSchool());
        }
        members.add(of("MOTHER", 38).wages(9000));
        return TestHousehold.example(members.toArray(TestHousehold.Member[]::new));
    }

    @BeforeAll
    void households() {
        unitA = newUnit("400102");
        unitB = newUnit("400501");
        unitRayong = newUnit("210102");
        // unit A (district 4001): B extremely poor, A poor, a poor household of two students, C not poor
        unitAStudents.addAll(submit(example("B"), unitA, "400102"));
        unitAStudents.addAll(submit(example("A"), unitA, "400102"));
        unitAStudents.addAll(submit(TestHousehold.example(of("STUDENT", 10).inSchool(), of("STUDENT", 8).inSchool(),
                of("FATHER", 41).wages(6000)), unitA, "400102"));
        unitAStudents.addAll(submit(example("C"), unitA, "400102"));
        // unit B (district 4005): 29 + 26 students, for paging
        submit(manyStudents(29), unitB, "400501");
        submit(manyStudents(26), unitB, "400501");
        rayongStudent = submit(example("B").in("21"), unitRayong, "210102").get(0);
    }

    private WebSession as(String user) {
        return WebSession.loggedIn(port, user).acceptLanguage("th");
    }

    private static int count(String html, String classification) {
        Matcher m = Pattern.compile("id=\"class-count-" + classification + "\"[^>]*>\\s*<span class=\"count-value\">(\\d+)</span>").matcher(html);
        int at = Math.max(html.indexOf("id=\"class-counts\""), 0);
        assertThat(m.find()).as("count of " + classification + " in " + html.substring(at, Math.min(html.length(), at + 1500))).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int rows(String html) {
        Matcher m = Pattern.compile("<article class=\"card review-row\"").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theFundOfficeListsAUnitsStudentsWithTheirResultsAndCounts() {
        HttpResponse<String> r = as("fund").get("/review?province=40&term=2569/1&orgUnit=" + unitA);
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        assertThat(rows(html)).isEqualTo(5);
        assertThat(count(html, "ALL")).isEqualTo(5);
        assertThat(count(html, "EXTREMELY_POOR")).isEqualTo(1);
        assertThat(count(html, "POOR")).isEqualTo(3);
        assertThat(count(html, "NOT_POOR")).isEqualTo(1);
        assertThat(count(html, "INCOMPLETE")).isZero();
        assertThat(html).contains("ยากจนพิเศษ").contains("1,166.67").contains("4,000.00").contains("2,150.00")
                .contains("สมาชิก0 ทดสอบ").contains("โรงเรียนทดสอบคัดกรอง " + unitA);
        // the most in need first: example B (score 51) is the first row
        assertThat(html.indexOf("1,166.67")).isLessThan(html.indexOf("2,150.00"));
        assertThat(html.indexOf("2,150.00")).isLessThan(html.indexOf("4,000.00"));
        // every student is a row, the national id shown masked (the full id only names the row, for the reviewers' forms)
        for (String id : unitAStudents) {
            assertThat(html).contains("<span class=\"review-id nowrap\">" + id.substring(0, 1) + "-" + id.substring(1, 5) + "-xxxxx-");
            assertThat(html).contains("id=\"row-" + id + "\"");
            assertThat(html.replace("id=\"row-" + id + "\"", "")).doesNotContain(id);
        }
    }

    @Test
    void theUnitChoiceOffersTheUnitsOfTheChosenDistrictOnly() {
        WebSession fund = as("fund");
        // no district: no select of the province's hundreds of units, a hint instead
        String whole = fund.get("/review?province=40&term=2569/1").body();
        assertThat(whole).doesNotContain("id=\"f-org-unit\"").contains("id=\"f-org-unit-hint\"").contains("เลือกอำเภอก่อน");
        // district 4001: its units (unit A), not those of district 4005 (unit B)
        String district = fund.get("/review?province=40&term=2569/1&district=4001").body();
        assertThat(district).contains("id=\"f-org-unit\"").contains("<option value=\"" + unitA + "\"")
                .doesNotContain("<option value=\"" + unitB + "\"").doesNotContain("id=\"f-org-unit-hint\"");
        // a unit chosen without a district (a link from elsewhere): that unit alone, selected, so it can be cleared
        String unit = fund.get("/review?province=40&term=2569/1&orgUnit=" + unitB).body();
        assertThat(unit).contains("id=\"f-org-unit\"").containsPattern("<option value=\"" + unitB + "\"[^>]*selected")
                .doesNotContain("<option value=\"" + unitA + "\"");
    }

    @Test
    void classificationDistrictAndSubdistrictFilterTheListAndTheCountsFollowTheFilter() {
        WebSession fund = as("fund");
        String poor = fund.get("/review?province=40&term=2569/1&classification=POOR&orgUnit=" + unitA).body();
        assertThat(rows(poor)).isEqualTo(3);
        assertThat(poor).doesNotContain("1,166.67").doesNotContain("4,000.00");
        // the counts stay those of every classification, to move between them
        assertThat(count(poor, "EXTREMELY_POOR")).isEqualTo(1);
        assertThat(poor).contains("classification=EXTREMELY_POOR");

        assertThat(rows(fund.get("/review?province=40&term=2569/1&district=4001&orgUnit=" + unitA).body())).isEqualTo(5);
        assertThat(rows(fund.get("/review?province=40&term=2569/1&subdistrict=400102&orgUnit=" + unitA).body())).isEqualTo(5);
        String otherDistrict = fund.get("/review?province=40&term=2569/1&district=4005&orgUnit=" + unitA).body();
        assertThat(rows(otherDistrict)).isZero();
        assertThat(otherDistrict).contains("id=\"no-review-rows\"").contains("ไม่พบนักเรียนที่คัดกรองแล้ว");
        assertThat(count(otherDistrict, "ALL")).isZero();
        assertThat(rows(fund.get("/review?province=40&term=2569/1&subdistrict=400101&orgUnit=" + unitA).body())).isZero();
        // another term has none of these
        assertThat(rows(fund.get("/review?province=40&term=2568/2&orgUnit=" + unitA).body())).isZero();
    }

    @Test
    void pagesOfFiftyKeepTheFilters() {
        WebSession admin = as("admin");
        String first = admin.get("/review?province=40&term=2569/1&classification=POOR&orgUnit=" + unitB).body();
        assertThat(count(first, "POOR")).isEqualTo(55);
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains("หน้า 1 จาก 2");
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String href = next.group(1).replace("&amp;", "&");
        assertThat(href).contains("term=2569/1").contains("province=40").contains("orgUnit=" + unitB).contains("classification=POOR")
                .contains("page=1");
        String second = admin.get(href).body();
        assertThat(rows(second)).isEqualTo(5);
        assertThat(second).contains("หน้า 2 จาก 2").contains("rel=\"prev\"");
        // no student on both pages
        Matcher ids = Pattern.compile("<article class=\"card review-row\" id=\"(row-[^\"]+)\"").matcher(second);
        while (ids.find()) {
            assertThat(first).doesNotContain(ids.group(1) + "\"");
        }
    }

    @Test
    void aProvinceSeesItsOwnProvinceOnlyWhateverTheParameters() {
        WebSession khonKaen = as("province");
        HttpResponse<String> own = khonKaen.get("/review?term=2569/1&orgUnit=" + unitA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(rows(own.body())).isGreaterThanOrEqualTo(1);
        assertThat(khonKaen.get("/review?province=21").statusCode()).isEqualTo(403);
        assertThat(khonKaen.get("/review?province=21&orgUnit=" + unitRayong).statusCode()).isEqualTo(403);
        // asking for Rayong's unit (or its district) within its own province finds nobody
        String rayongUnit = khonKaen.get("/review?term=2569/1&orgUnit=" + unitRayong).body();
        assertThat(rows(rayongUnit)).isZero();
        assertThat(rayongUnit).doesNotContain(rayongStudent).doesNotContain("row-" + rayongStudent);
        assertThat(rows(khonKaen.get("/review?term=2569/1&district=2101&subdistrict=210102").body())).isZero();

        assertThat(as("province2").get("/review?province=40").statusCode()).isEqualTo(403);
        String rayong = as("province2").get("/review?term=2569/1&orgUnit=" + unitRayong).body();
        assertThat(rows(rayong)).isEqualTo(1);
        assertThat(as("teacher").get("/review").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/review").statusCode()).isEqualTo(302);
    }

    @Test
    void theFundOfficeGetsAProvinceAndTermByDefaultAndTheNavLinksToTheList() {
        WebSession fund = as("fund");
        HttpResponse<String> r = fund.get("/review");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"f-province\"").contains("id=\"class-counts\"");
        assertThat(fund.get("/").body()).contains("href=\"/review\"").contains("id=\"review-link\"");
        assertThat(as("province").get("/").body()).contains("id=\"review-link\"");
        assertThat(as("teacher").get("/").body()).doesNotContain("href=\"/review\"");
        // the list's old address leads to it with its filters
        HttpResponse<String> old = fund.get("/screening/list?province=40&term=2569/1&classification=POOR");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location").orElse("")).endsWith("/review?province=40&term=2569/1&classification=POOR");
        assertThat(as("province2").get("/screening/list?province=40").statusCode()).isEqualTo(403);
        // the province user has no province choice
        assertThat(as("province").get("/review").body()).doesNotContain("id=\"f-province\"");
    }
}
