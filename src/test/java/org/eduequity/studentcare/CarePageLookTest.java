package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.support.WebSession;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The student-care screens in headless Chromium at 360 px and 1280 px (screenshots under target/screenshots/pages/): the
 * SDQ form, its field errors, the risk panel with known and UNKNOWN areas, and the import preview of bad rows.
 */
@IntegrationTest
class CarePageLookTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    @Test
    void sdqFormAndRiskPanel() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, child, term, "1.40", 2);
        CareFixtures.health(jdbc, child, term, "UNDERWEIGHT", false);
        CareFixtures.incident(jdbc, child, term, "NEGLECT", "CONCERN");
        browser.login("teacher", WebSession.DEMO_PASSWORD);
        browser.open("/care/children/" + child + "/sdq?term=" + term);
        // the whole form (once seen with 15 of its 25 items in the DOM in a full run: wait for the page, never for less)
        browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe(org.openqa.selenium.By.cssSelector(".sdq-item"), 25));
        assertThat(browser.findAll(".sdq-item")).hasSize(25);
        assertThat(browser.findAll("#save-sdq")).hasSize(1);
        look("care-sdq");
        // no form chosen: the field error in Thai, the answers kept
        browser.find("#item1-2").click();
        browser.clickAndWait("#save-sdq");
        assertThat(browser.find("#form-error").getText()).contains("กรุณาเลือกชนิดแบบประเมิน");
        assertThat(browser.find("#item1-2").isSelected()).isTrue();
        look("care-sdq-errors");
        browser.find("#form-TEACHER").click();
        for (int item : new int[] {3, 8, 13, 16, 24, 5, 12, 18, 22}) {
            browser.find("#item" + item + "-2").click();
        }
        // hyperactivity and peer problems with three of five answered each: prorated, so the total is complete
        for (int item : new int[] {2, 10, 15, 6, 19, 23}) {
            browser.find("#item" + item + "-0").click();
        }
        browser.clickAndWait("#save-sdq");
        assertThat(browser.findAll("#care-risk")).hasSize(1);
        assertThat(browser.find("#risk-EMOTIONAL_BEHAVIOUR .risk-badge").getText()).isEqualTo("มีปัญหา");
        assertThat(browser.find("#risk-FAMILY_ECONOMY .risk-badge").getText()).isEqualTo("ไม่ทราบ (ไม่มีข้อมูล)");
        assertThat(browser.find("#risk-LEARNING").getText()).contains("เกรดเฉลี่ย 1.40 ต่ำกว่า 1.50").contains("ไม่ผ่าน 2 วิชา");
        look("care-risk");
    }

    @Test
    void importPreviewOfBadRows() throws Exception {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("grades", ".csv");
        java.nio.file.Files.writeString(file, "nationalId,gpa,failedSubjects\n" + CareFixtures.nationalIdOf(jdbc, child) + ",5.00,0\n1234567890123,2,0\n");
        browser.login("teacher", WebSession.DEMO_PASSWORD);
        browser.open("/care/import");
        look("care-import");
        new org.openqa.selenium.support.ui.Select(browser.find("#kind")).selectByValue("GRADES");
        browser.find("#term").clear();
        browser.find("#term").sendKeys(term);
        browser.find("#file").sendKeys(file.toString());
        browser.clickAndWait("#preview-care-import");
        assertThat(browser.findAll("#care-import-rows tbody tr")).hasSize(2);
        assertThat(browser.findAll("#apply-care-import")).isEmpty();
        look("care-import-errors");
        java.nio.file.Files.writeString(file, "nationalId,gpa,failedSubjects\n" + CareFixtures.nationalIdOf(jdbc, child) + ",3.00,0\n");
        browser.open("/care/import");
        new org.openqa.selenium.support.ui.Select(browser.find("#kind")).selectByValue("GRADES");
        browser.find("#term").clear();
        browser.find("#term").sendKeys(term);
        browser.find("#file").sendKeys(file.toString());
        browser.clickAndWait("#preview-care-import");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_grade WHERE child_id = ?", Long.class, child)).isZero();
        browser.clickAndWait("#apply-care-import");
        assertThat(browser.find("#care-import-counts").getText()).contains("1");
        assertThat(jdbc.queryForObject("SELECT gpa::text FROM care_grade WHERE child_id = ?", String.class, child)).isEqualTo("3.00");
        java.nio.file.Files.deleteIfExists(file);
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
