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
    void theProvinceOpensAndPlansACaseTheProviderAcceptsAndTheWorkerFollowsUp() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
        long child = jdbc.queryForObject("""
                SELECT min(f.id) FROM found_child f WHERE f.province_code = '21' AND f.status = 'FOUND' AND f.age_years >= 12
                  AND f.recorded_by = 'area' AND NOT EXISTS (SELECT 1 FROM oos_case c WHERE c.found_child_id = f.id)""", Long.class);
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
    }

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
