package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.eduequity.survey.PhotoKind;
import org.eduequity.survey.SurveyDocument;
import org.eduequity.survey.SurveyReceipt;
import org.eduequity.survey.VisitDrafts;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * The full home visit of a found child (issue 8, ADR 0011): the household part is the teachers' home-visit survey, made
 * by the area worker on a child record on the non-formal-education centre's roll (status OUT_OF_SCHOOL); the visit is
 * screened like any, and its result shows on the case's timeline. Mueang Nan (5501) has no demo data: the test adds a
 * centre in Nai Wiang (550101) and none in Bo (550102) or anywhere in Mae Charim (5502).
 */
@IntegrationTest
class FullVisitTests {

    private static final String CENTRE = "NFE-550101T";

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    UserDetailsService users;

    @Autowired
    FullVisits fullVisits;

    @Autowired
    VisitDrafts drafts;

    private MockMvc mvc;
    private String worker;
    private String otherWorker;

    @BeforeEach
    void setUp() {
        mvc = Logins.mockMvc(context);
        jdbc.update("""
                INSERT INTO org_unit (code, name_th, type, affiliation, subdistrict_code, district_code, province_code)
                VALUES (?, 'ศกร.ตำบลในเวียง (ทดสอบ)', 'NFE_CENTRE', 'NFE', '550101', '5501', '55') ON CONFLICT (code) DO NOTHING""", CENTRE);
        OutOfSchoolFixtures fixtures = new OutOfSchoolFixtures(jdbc, encoder);
        worker = fixtures.areaWorker("full-visit-worker", "550101", "550102", "550202");
        otherWorker = fixtures.areaWorker("full-visit-other", "550103");
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** Records a found youth through the API as the worker; returns its id. */
    private long found(String nationalId, String subdistrict) {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/found-children", worker, WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(OutOfSchoolFixtures.document(null,
                        nationalId, "ทดสอบ", "เยี่ยมเต็ม", LocalDate.of(2009, 4, 2), LocalDate.of(2026, 7, 1), subdistrict,
                        List.of("NON_FORMAL_EDUCATION")))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertThat(id.find()).isTrue();
        return Long.parseLong(id.group(1));
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** A real JPEG of random blocks (a different file for each seed). */
    private static byte[] photo(long seed) throws Exception {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 1200; y += 10) {
            for (int x = 0; x < 1600; x += 10) {
                int rgb = random.nextInt(0xFFFFFF);
                for (int dy = 0; dy < 10; dy++) {
                    for (int dx = 0; dx < 10; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The draft's document with every section answered: the youth and a mother earning 2,000 baht a month. */
    private SurveyDocument complete(SurveyDocument d, String subdistrict) {
        Map<String, Object> centroid = jdbc.queryForMap("SELECT latitude, longitude FROM subdistrict WHERE code = ?", subdistrict);
        SurveyDocument.Member youth = d.members().get(0);
        SurveyDocument.Member mother = new SurveyDocument.Member("MOTHER", null, "บัวผัน", "เยี่ยมเต็ม", null, 41, "F", null, null, null,
                null, null, true, new SurveyDocument.Income(new BigDecimal("2000"), null, null, null, null));
        String visitedOn = d.visitedOn() != null ? d.visitedOn() : LocalDate.now().toString();
        return new SurveyDocument(d.externalId(), d.term(), visitedOn, d.orgUnitCode(),
                new SurveyDocument.Address("7", 2, subdistrict, "55000"),
                new SurveyDocument.Location((BigDecimal) centroid.get("latitude"), (BigDecimal) centroid.get("longitude")), true,
                List.of(youth, mother), new SurveyDocument.Housing("OWN", "CEMENT", "BRICK_BLOCK", "METAL", true), "NONE", "TAP", "METER",
                new SurveyDocument.Vehicles(0, 0, 0, 0, 0, 0, 1), new SurveyDocument.Appliances(false, false, true, false, true),
                new SurveyDocument.Consent(true, "GUARDIAN", visitedOn, List.of("SCREENING")),
                new SurveyDocument.Journey(new BigDecimal("2.5"), 15, "BICYCLE"), new SurveyDocument.Certifier("นายสมคิด ใจดี", "ผู้ใหญ่บ้าน"));
    }

    @Test
    void theAreaWorkerMakesTheFullVisitOnTheCentresRollAndItsScreeningShowsOnTheCase() throws Exception {
        String nationalId = OutOfSchoolFixtures.newNationalId();
        // found in Bo, which has no centre: the child goes on the roll of the district's centre in Nai Wiang
        long foundId = found(nationalId, "550102");
        MockHttpSession session = Logins.session(mvc, worker);
        String page = html(mvc.perform(get("/out-of-school/children/" + foundId).session(session)).andReturn());
        assertThat(page).contains("id=\"full-visit\"").contains("id=\"full-visit-start\"").contains("เยี่ยมบ้านแบบเต็ม")
                .doesNotContain("id=\"full-visits\"");

        MvcResult started = mvc.perform(post("/out-of-school/children/" + foundId + "/visit").with(csrf()).session(session)).andReturn();
        assertThat(started.getResponse().getRedirectedUrl()).matches("/visits/drafts/\\d+");
        long draftId = Long.parseLong(started.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        Map<String, Object> child = jdbc.queryForMap("""
                SELECT c.id, c.status, c.grade_level, c.found_subdistrict_code, u.code AS unit FROM child c JOIN org_unit u ON u.id = c.org_unit_id
                WHERE c.national_id = ?""", nationalId);
        assertThat(child).containsEntry("status", "OUT_OF_SCHOOL").containsEntry("grade_level", "NFE")
                .containsEntry("found_subdistrict_code", "550102").containsEntry("unit", CENTRE);
        long childId = ((Number) child.get("id")).longValue();
        assertThat(jdbc.queryForObject("SELECT child_id FROM found_child WHERE id = ?", Long.class, foundId)).isEqualTo(childId);
        // a double click: the same child and the same draft
        MvcResult again = mvc.perform(post("/out-of-school/children/" + foundId + "/visit").with(csrf()).session(session)).andReturn();
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/visits/drafts/" + draftId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, nationalId)).isEqualTo(1);

        // the teachers' home-visit form, leading back to the found child's page
        String form = html(mvc.perform(get("/visits/drafts/" + draftId).session(session)).andReturn());
        assertThat(form).contains("href=\"/out-of-school/visited/" + childId + "\"").contains("กลับไปหน้าเด็กที่พบ").contains("ทดสอบ");
        assertThat(mvc.perform(get("/out-of-school/visited/" + childId).session(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/out-of-school/children/" + foundId + "#full-visit");
        // another area worker does not reach the visit
        MockHttpSession other = Logins.session(mvc, otherWorker);
        assertThat(mvc.perform(get("/visits/drafts/" + draftId).session(other)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/out-of-school/children/" + foundId + "/visit").with(csrf()).session(other)).andReturn()
                .getResponse().getStatus()).isEqualTo(403);

        // the worker fills it in, attaches the house photos and submits: the visit is recorded and screened
        actAs(worker);
        VisitDrafts.Draft d = drafts.get(draftId);
        assertThat(d.document().members()).singleElement().satisfies(m -> {
            assertThat(m.relationship()).isEqualTo("STUDENT");
            assertThat(m.nationalId()).isEqualTo(nationalId);
        });
        d = drafts.save(draftId, d.version(), complete(d.document(), "550102"));
        drafts.attachPhoto(draftId, PhotoKind.EXTERIOR, photo(draftId * 31));
        drafts.attachPhoto(draftId, PhotoKind.INTERIOR, photo(draftId * 37));
        assertThat(drafts.missing(drafts.get(draftId))).isEmpty();
        SurveyReceipt receipt = drafts.submit(draftId, drafts.get(draftId).version());
        assertThat(receipt.students()).singleElement().satisfies(s -> assertThat(s.childId()).isEqualTo(childId));
        assertThat(jdbc.queryForObject("SELECT u.code FROM home_visit v JOIN org_unit u ON u.id = v.org_unit_id WHERE v.id = ?", String.class,
                receipt.id())).isEqualTo(CENTRE);
        assertThat(jdbc.queryForObject("SELECT classification FROM screening_current WHERE visit_id = ?", String.class, receipt.id()))
                .isNotBlank();
        // submitting again (a retry) records nothing more
        assertThat(drafts.submit(draftId, 0).id()).isEqualTo(receipt.id());
        SecurityContextHolder.clearContext();

        String after = html(mvc.perform(get("/out-of-school/children/" + foundId).session(session)).andReturn());
        assertThat(after).contains("id=\"full-visits\"").contains("ส่งแล้ว");

        // the province opens a case: the household's screening is on its timeline
        HttpResponse<String> opened = WebSession.sendApi(WebSession.basic(port, "/api/v1/cases",
                        new OutOfSchoolFixtures(jdbc, encoder).provinceUser("full-visit-nan", "55"), WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"foundChildId": %d, "consent": {"givenBy": "GUARDIAN", "givenOn": "2026-07-02", "giverName": "บัวผัน เยี่ยมเต็ม",
                         "scopes": ["REFERRAL", "SHARE_WITH_PROVIDER", "PAYMENT"]}}""".formatted(foundId))).build());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        java.util.regex.Matcher caseId = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(opened.body());
        assertThat(caseId.find()).isTrue();
        HttpResponse<String> shown = WebSession.sendApi(WebSession.basic(port, "/api/v1/cases/" + caseId.group(1), "full-visit-nan",
                WebSession.DEMO_PASSWORD).GET().build());
        assertThat(shown.body()).contains("\"SCREENING\"");
    }

    @Test
    void aFullVisitIsRefusedWithAReasonAndNothingIsCreated() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        // no national id or G-code
        long noId = found(null, "550101");
        MvcResult r = mvc.perform(post("/out-of-school/children/" + noId + "/visit").with(csrf()).session(session)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/children/" + noId + "#full-visit");
        assertThat(r.getFlashMap().get("flashError")).isEqualTo("finding.visit.error.noId");
        assertThat(jdbc.queryForObject("SELECT child_id FROM found_child WHERE id = ?", Long.class, noId)).isNull();

        // a district without a non-formal-education centre (Mae Charim)
        String far = OutOfSchoolFixtures.newNationalId();
        long farId = found(far, "550202");
        r = mvc.perform(post("/out-of-school/children/" + farId + "/visit").with(csrf()).session(session)).andReturn();
        assertThat(r.getFlashMap().get("flashError")).isEqualTo("finding.visit.error.noCentre");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, far)).isZero();
        String page = html(mvc.perform(get("/out-of-school/children/" + farId).session(session)
                .flashAttr("flashError", "finding.visit.error.noCentre")).andReturn());
        assertThat(page).contains("ไม่พบศูนย์ กศน. ในอำเภอนี้");

        // enrolled in a school after being found: the class teacher's visit, not the area worker's
        String enrolled = OutOfSchoolFixtures.newNationalId();
        long enrolledId = found(enrolled, "550101");
        jdbc.update("""
                INSERT INTO child (national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                SELECT ?, 'ทดสอบ', 'เข้าเรียน', DATE '2009-04-02', 'MALE', id, '55', 'M3' FROM org_unit WHERE code = ?""", enrolled, CENTRE);
        actAs(worker);
        assertThatThrownBy(() -> fullVisits.open(enrolledId)).isInstanceOf(FindingRejectedException.class)
                .satisfies(e -> assertThat(((FindingRejectedException) e).problems().get(0).messageKey()).isEqualTo("finding.visit.error.inSchool"));
        assertThat(jdbc.queryForObject("SELECT status FROM child WHERE national_id = ?", String.class, enrolled)).isEqualTo("IN_SCHOOL");
        // the other worker cannot start one at all
        SecurityContextHolder.clearContext();
        actAs(otherWorker);
        assertThatThrownBy(() -> fullVisits.open(enrolledId)).isInstanceOf(AccessDeniedException.class);
    }
}
