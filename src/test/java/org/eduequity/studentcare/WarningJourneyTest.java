package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The early-warning journey of issue 9 in headless Chromium: a teacher imports attendance (the student is on WATCH),
 * enters an SDQ form (the student moves to ALERT), opens the follow-up from the risk panel, acknowledges it, records a
 * home visit and resolves it; and the warnings screens at 360 px and 1280 px (the head's and the province's home pages
 * with the demo's escalated alerts, the warnings page with its chart).
 */
@IntegrationTest
class WarningJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    CareRuleSets sets;

    @Test
    void aTeacherSeesAStudentMoveToAlertAndResolvesItWithAHomeVisit() throws Exception {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        Path file = Files.createTempFile("attendance", ".csv");
        Files.writeString(file, "nationalId,schoolDays,daysAbsent\n" + CareFixtures.nationalIdOf(jdbc, child) + ",100,15\n");
        browser.login("teacher", WebSession.DEMO_PASSWORD);
        browser.open("/care/import");
        new Select(browser.find("#kind")).selectByValue("ATTENDANCE");
        browser.find("#term").clear();
        browser.find("#term").sendKeys(term);
        browser.find("#file").sendKeys(file.toString());
        browser.clickAndWait("#preview-care-import");
        browser.clickAndWait("#apply-care-import");
        Files.deleteIfExists(file);

        browser.open("/care/children/" + child + "/risk?term=" + term);
        assertThat(browser.find("#risk-warning-level").getText()).isEqualTo("เฝ้าระวัง");
        assertThat(browser.find("#indicator-ATTENDANCE").getText()).contains("85");
        assertThat(browser.findAll("#open-follow-up")).isEmpty();

        browser.clickAndWait("#enter-sdq");
        browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe(org.openqa.selenium.By.cssSelector(".sdq-item"), 25));
        browser.find("#form-TEACHER").click();
        for (int item : new int[] {3, 8, 13, 16, 24, 5, 12, 18, 22}) {
            browser.find("#item" + item + "-2").click();
        }
        // hyperactivity and peer problems with three of five answered each: prorated, so the total is complete
        for (int item : new int[] {2, 10, 15, 6, 19, 23}) {
            browser.find("#item" + item + "-0").click();
        }
        browser.clickAndWait("#save-sdq");
        assertThat(browser.find("#risk-warning-level").getText()).isEqualTo("เตือนภัย");
        assertThat(browser.find("#indicator-BEHAVIOUR").getText()).contains("มีปัญหา");
        look("care-risk-warning");

        browser.clickAndWait("#open-follow-up");
        assertThat(browser.find("#follow-up-status").getText()).isEqualTo("ยังไม่รับทราบ");
        look("care-follow-up");
        browser.clickAndWait("#acknowledge");
        assertThat(browser.find("#follow-up-status").getText()).isEqualTo("รับทราบแล้ว");
        // an action without a kind: the field error in Thai, nothing written
        browser.clickAndWait("#save-action");
        assertThat(browser.find("#kind-error").getText()).isEqualTo("กรุณาเลือกการดำเนินการ");
        look("care-follow-up-errors");
        new Select(browser.find("#kind")).selectByValue("HOME_VISIT");
        browser.find("#note").sendKeys("เยี่ยมบ้าน พบผู้ปกครอง นักเรียนจะกลับมาเรียน");
        browser.clickAndWait("#save-action");
        assertThat(browser.find("#follow-up-actions").getText()).contains("เยี่ยมบ้าน");
        new Select(browser.find("#outcome")).selectByValue("BACK_IN_CLASS");
        browser.clickAndWait("#resolve");
        assertThat(browser.find("#follow-up-status").getText()).isEqualTo("ปิดแล้ว");
        assertThat(browser.find("#resolved-by").getText()).contains("กลับมาเรียนตามปกติ");
        look("care-follow-up-resolved");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM care_follow_up f JOIN care_follow_up_action a ON a.follow_up_id = f.id
                WHERE f.child_id = ? AND f.term = ? AND f.outcome = 'BACK_IN_CLASS' AND a.kind = 'HOME_VISIT'""", Long.class, child, term))
                .isEqualTo(1);
    }

    @Test
    void theHeadAndTheProvinceSeeTheEscalatedAlertsAndTheWarningsPage() {
        browser.login("head", WebSession.DEMO_PASSWORD);
        browser.open("/");
        assertThat(browser.findAll("#home-care-escalated li")).hasSizeGreaterThanOrEqualTo(2);
        look("home-head-warnings");
        browser.login("teacher", WebSession.DEMO_PASSWORD);
        browser.open("/");
        assertThat(browser.findAll("#home-care-alerts li")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(browser.findAll("#home-care-escalated")).isEmpty();
        look("home-teacher-warnings");
        browser.login("province", WebSession.DEMO_PASSWORD);
        browser.open("/");
        assertThat(browser.findAll("#home-care-escalated li")).hasSizeGreaterThanOrEqualTo(1);
        look("home-province-warnings");
        browser.open("/care/warnings?term=2569/2");
        assertThat(browser.find("#age-1040010001").getText()).isNotBlank();
        assertThat(browser.findAll("#chart-2569-2")).hasSize(1);
        look("care-warnings");
        browser.open("/care/transfers/new");
        browser.clickAndWait("#save-transfer");
        assertThat(browser.find("#destination-error").getText()).contains("กรุณาระบุโรงเรียน");
        look("care-transfer-errors");
    }

    private void look(String name) {
        browser.screenshot(name + "-th", DESKTOP);
        browser.screenshot(name + "-th", PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px must not scroll sideways: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        browser.resize(DESKTOP);
    }
}
