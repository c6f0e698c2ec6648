package org.eduequity.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.review.ReviewFixtures.A;
import static org.eduequity.review.ReviewFixtures.B;
import static org.eduequity.review.ReviewFixtures.C;
import static org.eduequity.review.ReviewFixtures.D;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.review.ReviewFixtures.Household;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The review screens over HTTP: the list, a decision, a stale decision, bulk approval, certification and its difference. */
@IntegrationTest
class ReviewScreensTests {

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

    private Household household(String term, int example, boolean photos) {
        return new ReviewFixtures(jdbc, tx, screening, ruleSets, json).screened(term, example, photos);
    }

    /** A signed-in session that switched the screens to English. */
    private WebSession english(String user) {
        WebSession s = WebSession.loggedIn(port, user);
        s.get("/?lang=en");
        return s;
    }

    /** The decision page of a child on the list of the term (forms named approve-, reject-, return- and the national id). */
    private static String decidePage(WebSession session, String term, String nationalId) {
        HttpResponse<String> r = session.get("/review/decide?term=" + term + "&province=40&nationalId=" + nationalId + "&back="
                + java.net.URLEncoder.encode("/review?term=" + term + "&province=40", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The hidden fields of a row's form (version and result id as the list shows them). */
    private static Map<String, String> formOf(String html, String formId) {
        int at = html.indexOf("id=\"" + formId + "\"");
        assertThat(at).as("form " + formId).isPositive();
        String form = html.substring(at, html.indexOf("</form>", at));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    @Test
    void aProvinceUserDecidesFromTheListAndAStaleFormIsRefused() {
        String term = "2564/1";
        Household b = household(term, B, true);
        Household c = household(term, C, true);
        WebSession province = english("province");
        String page = "/review?term=" + term + "&province=40";
        HttpResponse<String> list = province.get(page);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"row-" + b.nationalId() + "\"").contains("id=\"row-" + c.nationalId() + "\"")
                .contains("id=\"decide-" + b.nationalId() + "\"").contains("id=\"decide-" + c.nationalId() + "\"");
        String decideB = decidePage(province, term, b.nationalId());
        String decideC = decidePage(province, term, c.nationalId());
        // a not-poor child can be rejected or returned, not approved
        assertThat(decideB).contains("id=\"approve-" + b.nationalId() + "\"");
        assertThat(decideC).doesNotContain("id=\"approve-" + c.nationalId() + "\"").contains("id=\"reject-" + c.nationalId() + "\"");
        Map<String, String> approve = formOf(decideB, "approve-" + b.nationalId());
        assertThat(approve.get("back")).startsWith("/review?term=" + term);

        HttpResponse<String> done = province.postFromPage(page, "/review/decide", approve);
        assertThat(done.statusCode()).isEqualTo(302);
        String back = done.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> after = province.get(back.substring(back.indexOf("/review")));
        assertThat(after.body()).contains("Approved.").contains("id=\"status-count-APPROVED\"");
        assertThat(jdbc.queryForObject("SELECT r.status FROM review r JOIN child c ON c.id = r.child_id WHERE c.national_id = ?",
                String.class, b.nationalId())).isEqualTo("APPROVED");

        // the same form again: the list it came from is stale now
        province.postFromPage(page, "/review/decide", approve);
        assertThat(province.get(page).body()).contains("The list has changed since you opened it");

        Map<String, String> reject = formOf(decideC, "reject-" + c.nationalId());
        reject.put("reasonCode", "OTHER");
        HttpResponse<String> missing = province.postFromPage(page, "/review/decide", reject);
        // a reason missing: back on the child's decision page with the message
        String again = missing.headers().firstValue("Location").orElseThrow();
        assertThat(again).contains("/review/decide?");
        assertThat(province.get(again.substring(again.indexOf("/review"))).body()).contains("Give a reason").contains("id=\"reject-" + c.nationalId());
        reject.put("reason", "มีรายได้จากการเช่าที่ดิน");
        province.postFromPage(page, "/review/decide", reject);
        // every order of the list answers with the province's students
        for (String sort : java.util.List.of("need", "income", "score", "unit", "status")) {
            assertThat(province.get(page + "&sort=" + sort).body()).as(sort).contains("id=\"row-" + b.nationalId() + "\"")
                    .contains("id=\"row-" + c.nationalId() + "\"");
        }
        String rejected = province.get(page + "&status=REJECTED").body();
        assertThat(rejected).contains("มีรายได้จากการเช่าที่ดิน").contains("id=\"row-" + c.nationalId() + "\"")
                .doesNotContain("id=\"row-" + b.nationalId() + "\"");

        // the fund office reads the list but has no decision forms and cannot post one
        WebSession fund = WebSession.loggedIn(port, "fund");
        String fundList = fund.get(page).body();
        assertThat(fundList).contains("id=\"row-" + b.nationalId() + "\"").doesNotContain("id=\"decide-");
        assertThat(fund.postWithToken("/review/decide", approve).statusCode()).isEqualTo(403);
        assertThat(fund.get("/review/decide?term=" + term + "&province=40&nationalId=" + b.nationalId()).statusCode()).isEqualTo(403);
        assertThat(WebSession.loggedIn(port, "province2").get("/review/decide?term=" + term + "&province=40&nationalId=" + b.nationalId())
                .statusCode()).isEqualTo(403);
        assertThat(province.get("/review/decide?term=" + term + "&province=40&nationalId=1409901234560").statusCode()).isEqualTo(404);
    }

    @Test
    void bulkApprovalConfirmsTheCountAndCertifiedVersionsShowTheirDifference() {
        String term = "2564/2";
        Household b = household(term, B, true);
        Household d = household(term, D, true);
        Household a = household(term, A, false);
        WebSession province = english("province");
        String bulkPage = "/review/bulk?term=" + term + "&province=40";
        String confirm = province.get(bulkPage).body();
        assertThat(confirm).contains("2 children will be approved").contains("1 children of the selection carry an evidence flag");
        HttpResponse<String> stale = province.postFromPage(bulkPage, bulkPage, Map.of("confirmedCount", "3"));
        assertThat(stale.headers().firstValue("Location").orElse("")).contains("/review/bulk");
        assertThat(province.get(bulkPage).body()).contains("The selection changed: 2 children match now, you confirmed 3");
        HttpResponse<String> ok = province.postFromPage(bulkPage, bulkPage, Map.of("confirmedCount", "2"));
        assertThat(ok.headers().firstValue("Location").orElse("")).contains("/review?term=");
        assertThat(province.get("/review?term=" + term + "&province=40").body()).contains("2 children approved.");

        String versionsPage = "/review/certifications?term=" + term + "&province=40";
        assertThat(province.get(versionsPage).body()).contains("id=\"approved-count\">2<").contains("not certified yet");
        HttpResponse<String> certified = province.postFromPage(versionsPage, "/review/certifications",
                Map.of("term", term, "province", "40", "reason", ""));
        String v1 = certified.headers().firstValue("Location").orElseThrow();
        String v1Page = province.get(v1.substring(v1.indexOf("/review"))).body();
        assertThat(v1Page).contains("Version 1 certified with 2 children.").contains(b.nationalId()).contains(d.nationalId())
                .doesNotContain(a.nationalId());

        // an amendment: the flagged child approved with an override reason, the other returned
        String page = "/review?term=" + term + "&province=40";
        Map<String, String> approveA = formOf(decidePage(province, term, a.nationalId()), "approve-" + a.nationalId());
        approveA.put("overrideReason", "ตรวจบ้านจริงแล้ว");
        province.postFromPage(page, "/review/decide", approveA);
        province.postFromPage(versionsPage, "/review/certifications", Map.of("term", term, "province", "40", "reason", ""));
        assertThat(province.get(versionsPage).body()).contains("an amendment needs its reason");
        HttpResponse<String> amended = province.postFromPage(versionsPage, "/review/certifications",
                Map.of("term", term, "province", "40", "reason", "เพิ่มเด็กที่ตรวจสอบหลักฐานแล้ว"));
        String v2 = amended.headers().firstValue("Location").orElseThrow();
        String v2Page = province.get(v2.substring(v2.indexOf("/review"))).body();
        assertThat(v2Page).contains("Version 2 certified with 3 children.").contains("เพิ่มเด็กที่ตรวจสอบหลักฐานแล้ว");
        Matcher diff = Pattern.compile("href=\"(/review/certifications/\\d+/difference\\?from=\\d+)\"").matcher(v2Page);
        assertThat(diff.find()).isTrue();
        String difference = province.get(diff.group(1).replace("&amp;", "&")).body();
        assertThat(difference).contains("id=\"change-" + a.nationalId() + "\"").contains("Added")
                .doesNotContain("id=\"change-" + b.nationalId() + "\"");
        HttpResponse<String> csv = province.get(diff.group(1).replace("/difference?", "/difference.csv?"));
        assertThat(csv.body()).startsWith("\uFEFFChange,").contains("ADDED," + a.nationalId());
        // another province may not read them
        WebSession rayong = WebSession.loggedIn(port, "province2");
        assertThat(rayong.get(v2.substring(v2.indexOf("/review"))).statusCode()).isEqualTo(403);
        assertThat(rayong.get(diff.group(1)).statusCode()).isEqualTo(403);
    }
}
