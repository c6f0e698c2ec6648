package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A teacher's returned visit over HTTP: the inbox and the home page's count, "correct", the form with the reason at
 * the top, the corrected form submitted again, and My children and the child's page showing the outcome. The visit
 * is of the current term (its student is a new child of teacher's school, so nothing else is touched).
 */
@IntegrationTest
class ReturnedVisitScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Surveys surveys;

    @Autowired
    ReturnedVisits returned;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    UserDetailsService users;

    @Autowired
    Clock clock;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** A visit of this term by teacher, returned by the province with the reason: its receipt. */
    static SurveyReceipt aReturnedVisit(Surveys surveys, ReturnedVisits returned, TransactionTemplate tx, Clock clock, String reason,
                                        Runnable asTeacher, Runnable asProvince) {
        LocalDate today = LocalDate.now(clock);
        Term term = Term.containing(today);
        SurveyDocument d = ReturnedVisitsTests.document(term.toString(), SurveyApiTests.newNationalId(), "3500.00");
        String visited = (term.contains(today.minusDays(3)) ? today.minusDays(3) : today).toString();
        d = new SurveyDocument(d.externalId(), d.term(), visited, d.orgUnitCode(), d.address(), d.location(), d.singleParent(), d.members(),
                d.housing(), d.farmland(), d.drinkingWater(), d.electricity(), d.vehicles(), d.appliances(),
                new SurveyDocument.Consent(true, "GUARDIAN", visited, List.of("SCREENING")), d.journeyToSchool(), d.incomeCertifiedBy());
        asTeacher.run();
        SurveyReceipt receipt = surveys.submit(d);
        asProvince.run();
        tx.executeWithoutResult(s -> returned.returnToTeacher(receipt.id(), reason));
        return receipt;
    }

    /** The values a browser would send for the visit form as the page shows it (inputs, checked boxes, selected options). */
    static Map<String, String> formValues(String html) {
        int start = html.indexOf("id=\"visit-form\"");
        String form = html.substring(start, html.indexOf("</form>", start));
        Map<String, String> values = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input\\b([^>]*)>").matcher(form);
        while (input.find()) {
            Map<String, String> a = attributes(input.group(1));
            String type = a.getOrDefault("type", "text");
            if (a.get("name") == null || List.of("submit", "button", "file").contains(type)
                    || (List.of("checkbox", "radio").contains(type) && !a.containsKey("checked"))) {
                continue;
            }
            values.putIfAbsent(a.get("name"), a.getOrDefault("value", ""));
        }
        Matcher select = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL).matcher(form);
        while (select.find()) {
            Matcher option = Pattern.compile("<option\\b([^>]*)>").matcher(select.group(2));
            while (option.find()) {
                Map<String, String> o = attributes(option.group(1));
                if (o.containsKey("selected")) {
                    values.put(attributes(select.group(1)).get("name"), o.getOrDefault("value", ""));
                }
            }
        }
        return values;
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([a-zA-Z][\\w.:-]*)(?:=\"([^\"]*)\")?").matcher(tag);
        while (m.find()) {
            a.put(m.group(1), m.group(2) == null ? "" : m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return a;
    }

    @Test
    void aTeacherCorrectsAReturnedVisitFromTheInbox() {
        String reason = "รายได้ของมารดาไม่ตรงกับหนังสือรับรอง (หน้าจอ)";
        SurveyReceipt receipt = aReturnedVisit(surveys, returned, tx, clock, reason, () -> actAs("teacher"), () -> actAs("province"));
        long visitId = receipt.id();
        long childId = receipt.students().get(0).childId();
        String nationalId = receipt.students().get(0).nationalId();
        WebSession teacher = WebSession.loggedIn(port, "teacher");

        // home: the count and the way to the inbox; the inbox: reason, who, the child, "correct"
        String home = teacher.get("/").body();
        assertThat(home).contains("id=\"returned-total\"").contains("href=\"/visits/returned\"");
        String inbox = teacher.get("/visits/returned").body();
        assertThat(inbox).as("the count in the menu").contains("id=\"nav-returned-count\"");
        assertThat(inbox).contains("id=\"returned-" + visitId + "\"").contains(reason).contains("id=\"correct-" + visitId + "\"")
                .contains("href=\"/children/" + childId + "\"");
        assertThat(WebSession.loggedIn(port, "teacher2").get("/visits/returned").body()).doesNotContain(reason);

        // My children and the child's page: returned, with the reason
        assertThat(teacher.get("/children?q=" + nationalId).body()).contains("ส่งกลับให้แก้ไข").contains(reason);
        String childPage = teacher.get("/children/" + childId).body();
        assertThat(childPage).contains("id=\"review-outcome\"").contains(reason).contains("id=\"correct-visit\"");

        // another school's teacher cannot open the correction
        assertThat(WebSession.loggedIn(port, "teacher2").postWithToken("/visits/" + visitId + "/correct", Map.of()).statusCode())
                .isEqualTo(403);

        // correct: the form on a draft of the visit, the reason at the top
        HttpResponse<String> opened = teacher.postFromPage("/visits/returned", "/visits/" + visitId + "/correct", Map.of());
        assertThat(opened.statusCode()).isEqualTo(302);
        Matcher draft = Pattern.compile("/visits/drafts/(\\d+)$").matcher(opened.headers().firstValue("Location").orElse(""));
        assertThat(draft.find()).isTrue();
        String path = "/visits/drafts/" + draft.group(1);
        String form = teacher.get(path).body();
        assertThat(form).contains("id=\"return-note\"").contains(reason).contains("ส่งแบบเยี่ยมบ้านที่แก้ไขแล้ว");
        assertThat(form.indexOf("id=\"return-note\"")).isLessThan(form.indexOf("id=\"visit-form\""));

        // the photos are missing (an API visit has none): attach one, then submit the corrected answers
        HttpResponse<String> up = teacher.postFile(path, path + "/photos?kind=STUDENT_WITH_SCHOOL_SIGN", "file", "sign.jpg",
                VisitPhotoApiTests.uniqueJpeg(visitId * 43));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(302);
        Map<String, String> values = formValues(teacher.get(path).body());
        assertThat(values).containsEntry("members[1].relationship", "MOTHER");
        values.put("members[1].income.wages", "1200");
        HttpResponse<String> submitted = teacher.postFromPage(path, path + "/submit", values);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        assertThat(submitted.headers().firstValue("Location").orElse("")).endsWith("/children/" + childId);
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, visitId)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("SELECT income_wages FROM household_member WHERE visit_id = ? AND relationship = 'MOTHER'",
                java.math.BigDecimal.class, visitId)).isEqualByComparingTo("1200");
        assertThat(jdbc.queryForObject("""
                SELECT r.cause FROM screening_current c JOIN screening_result r ON r.id = c.result_id WHERE c.visit_id = ?""", String.class,
                visitId)).isEqualTo("RESUBMITTED");
        assertThat(teacher.get("/visits/returned").body()).doesNotContain("id=\"returned-" + visitId + "\"");
        assertThat(teacher.get(path).body()).contains("id=\"visit-submitted\"").doesNotContain("id=\"return-note\"");

        // "correct" again (a second tab): the visit is no longer returned
        HttpResponse<String> again = teacher.postFromPage("/visits/returned", "/visits/" + visitId + "/correct", Map.of());
        assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/visits/returned");
    }
}
