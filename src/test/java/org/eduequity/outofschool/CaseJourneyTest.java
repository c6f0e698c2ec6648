package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import java.time.LocalDate;
import java.time.ZoneId;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8 step 2 in a real browser: Rayong's province user opens a case from a found youth with the guardian's consent,
 * records the needs assessment and a care plan, approves it and refers the youth to the demo provider; the provider's user
 * accepts it from the inbox; the area worker records a follow-up visit on a phone. Screenshots of the case page and the
 * inbox at 360 and 1280 px.
 */
@IntegrationTest
class CaseJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    private static void open(String details) {
        browser.script("document.querySelector(arguments[0]).open = true;", details);
    }

    @Test
    void theProvinceOpensAndPlansACaseTheProviderAcceptsAndTheWorkerFollowsUp() throws java.io.IOException {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
        long child = jdbc.queryForObject("""
                SELECT f.id FROM found_child f WHERE f.province_code = '21' AND f.status = 'FOUND' AND f.age_years >= 12
                  AND f.recorded_by = 'area' AND NOT EXISTS (SELECT 1 FROM oos_case c WHERE c.found_child_id = f.id)
                ORDER BY COALESCE(f.age_years >= 18 AND f.national_id ~ '^[0-9]{13}$', FALSE) DESC, f.id LIMIT 1""", Long.class);
        boolean adultWithId = jdbc.queryForObject("SELECT COALESCE(age_years >= 18 AND national_id ~ '^[0-9]{13}$', FALSE) FROM found_child WHERE id = ?",
                Boolean.class, child);
        browser.resize(DESKTOP);
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/children/" + child);
        open("#open-case-details");
        browser.clickAndWait("#open-case");
        assertThat(browser.find("#case-stage").getText()).isEqualTo("เปิดกรณี");
        long caseId = jdbc.queryForObject("SELECT id FROM oos_case WHERE found_child_id = ? AND closed_on IS NULL", Long.class, child);

        // the assessment form is open on a new case, the child's needs already ticked
        browser.find("#familySituation").sendKeys("อยู่กับยาย");
        browser.find("#goals").sendKeys("อยากเรียนช่าง");
        browser.clickAndWait("#save-assessment");
        assertThat(browser.find("#case-stage").getText()).isEqualTo("ประเมินแล้ว");

        // a care plan with one intervention, approved
        browser.find("#planGoals").sendKeys("กลับเข้าสู่การเรียนในภาคเรียนหน้า");
        new Select(browser.find("#serviceType")).selectByValue("VOCATIONAL_TRAINING");
        new Select(browser.find("#plan-provider")).selectByValue("P21001");
        browser.find("#goal").sendKeys("เรียน ปวช. ช่างยนต์");
        browser.find("#responsible").sendKeys("ครู กศน. ตำบล");
        browser.find("#targetDate").sendKeys(BuddhistDate.formatShort(today.plusMonths(4)));
        browser.clickAndWait("#save-plan");
        assertThat(browser.find("#plan-status").getText()).isEqualTo("รออนุมัติ");
        browser.clickAndWait("#approve");
        assertThat(browser.find("#case-stage").getText()).isEqualTo("มีแผนที่อนุมัติ");

        // referred to the demo provider
        open("#referral-details");
        browser.clickAndWait("#refer");
        long referral = jdbc.queryForObject("SELECT id FROM oos_referral WHERE case_id = ?", Long.class, caseId);
        assertThat(browser.find("#referral-" + referral).getText()).contains("P21001");

        // the provider accepts from its inbox
        browser.driver().manage().deleteAllCookies();
        browser.login("provider", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/referrals");
        assertThat(browser.findAll("#inbox-" + referral)).hasSize(1);
        browser.clickAndWait("#accept-" + referral);
        assertThat(jdbc.queryForObject("SELECT status FROM oos_referral WHERE id = ?", String.class, referral)).isEqualTo("ACCEPTED");

        // the area worker records a follow-up visit on a phone
        browser.driver().manage().deleteAllCookies();
        browser.resize(PHONE);
        browser.login("area", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/cases/" + caseId);
        assertThat(browser.find("#case-stage").getText()).isEqualTo("กำลังรับบริการ");
        open("#follow-up-details");
        browser.find("#doneOn").sendKeys(BuddhistDate.formatShort(today));
        browser.find("#seen-yes").click();
        browser.find("#action").sendKeys("คุยกับยาย เด็กไปเรียนแล้ว");
        browser.clickAndWait("#save-follow-up");
        assertThat(browser.find("#follow-ups").getText()).contains("พบเด็ก");
        assertThat(browser.find("#timeline").getText()).contains("ติดตามเยี่ยม").contains("หน่วยบริการตอบรับ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_follow_up WHERE case_id = ? AND seen", Long.class, caseId)).isEqualTo(1);

        // step 3: the province certifies its eligible cases of the term, the case among them
        browser.driver().manage().deleteAllCookies();
        browser.resize(DESKTOP);
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/cases?province=21");
        browser.clickAndWait("#case-certification-link");
        browser.find("#term").clear();
        browser.find("#term").sendKeys(TERM);
        browser.clickAndWait("#show-term");
        assertThat(browser.find("#eligible-" + caseId).getText()).contains("P21001").contains("ยังไม่รับรอง");
        browser.clickAndWait("#certify");
        assertThat(browser.findAll("#entry-" + caseId)).hasSize(1);
        long certification = jdbc.queryForObject("SELECT certification_id FROM oos_case_certification_entry WHERE case_id = ?", Long.class, caseId);

        // a fund user plans an OOS_YOUTH round from it, a second one approves, the bank file is taken and the bank pays
        jdbc.update("UPDATE provider SET bank_code = '006', bank_account_no = '1234567890', bank_account_name = name_th "
                + "WHERE code = 'P21001' AND bank_account_no IS NULL");
        jdbc.update("""
                INSERT INTO programme_budget (programme_code, province_code, term, amount, updated_by) VALUES ('OOS_YOUTH', '21', ?, 1000000, 'test')
                ON CONFLICT (programme_code, province_code, term) DO UPDATE SET amount = EXCLUDED.amount""", TERM);
        browser.driver().manage().deleteAllCookies();
        browser.login("fund", WebSession.DEMO_PASSWORD);
        browser.open("/disbursement/rounds/new?programme=OOS_YOUTH&term=" + TERM);
        new Select(browser.find("#programme")).selectByValue("OOS_YOUTH");
        browser.find("#list-" + certification).click();
        browser.clickAndWait("#plan");
        long round = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/disbursement/rounds/(\\d+).*", "$1"));
        assertThat(jdbc.queryForList("SELECT payee_type FROM payment_line WHERE round_id = ? AND case_id = ? ORDER BY payee_type", String.class,
                round, caseId)).isEqualTo(adultWithId ? java.util.List.of("PROVIDER", "YOUTH") : java.util.List.of("PROVIDER"));
        browser.driver().manage().deleteAllCookies();
        browser.login("fund2", WebSession.DEMO_PASSWORD);
        browser.open("/disbursement/rounds/" + round);
        browser.clickAndWait("#approve");
        browser.open("/disbursement/rounds/" + round);
        browser.find("#download-bank-file").click();
        browser.waitUntil(d -> "EXPORTED".equals(jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, round)));
        StringBuilder results = new StringBuilder("lineRef,amount,status,date,message\r\n");
        jdbc.query("SELECT id, amount FROM payment_line WHERE round_id = ? ORDER BY id", rs -> {
            results.append("R").append(round).append('-').append(rs.getLong(1)).append(',').append(rs.getBigDecimal(2).toPlainString())
                    .append(",PAID,").append(today).append(",\r\n");
        }, round);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("case-bank-results", ".csv");
        java.nio.file.Files.writeString(file, results);
        browser.open("/disbursement/rounds/" + round);
        browser.find("#bank-results-file").sendKeys(file.toString());
        browser.clickAndWait("#upload-bank-results");
        java.nio.file.Files.deleteIfExists(file);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM payment_line WHERE round_id = ? AND case_id = ?", String.class, round, caseId))
                .containsExactly("PAID");

        // the case's timeline shows the payment
        browser.driver().manage().deleteAllCookies();
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/cases/" + caseId);
        assertThat(browser.findAll("#timeline .timeline-PAYMENT")).hasSize(adultWithId ? 6 : 3);
        assertThat(browser.find("#timeline").getText()).contains("การจ่ายเงิน").contains("จ่ายแล้ว").contains("หน่วยบริการ").contains("3,000.00");
    }

    /** Out-of-school tests own the terms 2350/1–2399/2; this journey's round is of this one. */
    private static final String TERM = "2398/1";

    @Test
    void theCasePageAndTheInboxAtPhoneAndDesktopWidths() {
        long inService = jdbc.queryForObject("SELECT max(c.id) FROM oos_case c JOIN found_child f ON f.id = c.found_child_id "
                + "WHERE f.external_id = 'demo-oos-21-5'", Long.class);
        long referred = jdbc.queryForObject("SELECT max(c.id) FROM oos_case c JOIN found_child f ON f.id = c.found_child_id "
                + "WHERE f.external_id = 'demo-oos-21-4'", Long.class);
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/cases/" + inService);
        look("oos-case");
        browser.open("/out-of-school/cases/" + referred + "?lang=en");
        look("oos-case-en");
        browser.open("/out-of-school/cases?province=21&lang=th");
        look("oos-cases");
        long version = jdbc.queryForObject("SELECT max(id) FROM oos_case_certification WHERE province_code = '21'", Long.class);
        browser.open("/out-of-school/case-certification?province=21");
        look("oos-case-certification");
        browser.open("/out-of-school/case-certifications/" + version + "?lang=en");
        look("oos-case-certification-version-en");
        browser.open("/out-of-school/cases/" + inService + "?lang=th");
        assertThat(browser.find("#timeline").getText()).as("the demo case was paid").contains("การจ่ายเงิน").contains("จ่ายแล้ว");
        browser.driver().manage().deleteAllCookies();
        browser.login("provider", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/referrals");
        look("oos-inbox");
        browser.open("/out-of-school/cases/" + inService);
        look("oos-case-provider");
        browser.driver().manage().deleteAllCookies();
        browser.login("area", WebSession.DEMO_PASSWORD);
        browser.open("/");
        look("oos-home-area-overdue");
        assertThat(browser.findAll("#overdue-follow-ups li")).isNotEmpty();
    }

    private void look(String name) {
        browser.screenshot(name, DESKTOP);
        browser.screenshot(name, PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px: no sideways scrolling; sticking out: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        assertThat(browser.find("h1").isDisplayed()).isTrue();
    }
}
