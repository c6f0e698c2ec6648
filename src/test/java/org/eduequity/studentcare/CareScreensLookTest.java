package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The student-care screens of issue 9 step 2b in headless Chromium at 360 px and 1280 px (screenshots under
 * target/screenshots/pages/): the entry screens (with field errors), the class page, the student page, the dashboard and
 * the rule-set screens; none may scroll sideways on a phone.
 */
@IntegrationTest
class CareScreensLookTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    @Autowired
    RiskEvaluation evaluation;

    @Test
    void entryScreensClassPageStudentPageAndDashboard() {
        String previous = CareFixtures.term();
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, previous, 98, 4);
        CareFixtures.grade(jdbc, child, previous, "2.80", 0);
        CareFixtures.attendance(jdbc, child, term, 100, 22);
        CareFixtures.incident(jdbc, child, term, "VIOLENCE", "CONCERN");
        CareFixtures.visit(jdbc, child, term, true, false, true, null);
        long other = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, other, term, "1.20", 3);
        evaluation.evaluateProvince(term, "40");
        browser.login("teacher", WebSession.DEMO_PASSWORD);

        browser.open("/care/children/" + child + "/grades?term=" + term);
        browser.find("#gpa").sendKeys("1.70");
        browser.find("#failedSubjects").sendKeys("1");
        browser.clickAndWait("#save-grades");
        assertThat(browser.findAll("#care-risk")).hasSize(1);
        browser.open("/care/children/" + child + "/health?term=" + term);
        browser.find("#weightKg").sendKeys("-2");
        browser.clickAndWait("#save-health");
        assertThat(browser.find("#e-weightKg").getText()).contains("ต้องเป็นตัวเลข");
        look("care-health-errors");
        browser.find("#weightKg").clear();
        browser.find("#weightKg").sendKeys("28.5");
        new org.openqa.selenium.support.ui.Select(browser.find("#nutrition")).selectByValue("UNDERWEIGHT");
        browser.find("#chronicIllness-true").click();
        browser.clickAndWait("#save-health");
        assertThat(browser.findAll("#care-risk")).hasSize(1);

        browser.open("/care/children/" + child + "/attendance?term=" + term);
        look("care-attendance");
        browser.open("/care/children/" + child + "/grades?term=" + term);
        look("care-grades");
        browser.open("/care/children/" + child + "/incidents?term=" + term);
        browser.clickAndWait("#save-incident");
        assertThat(browser.findAll(".field-error")).isNotEmpty();
        look("care-incidents-errors");

        browser.open("/care/children/" + child + "/risk?term=" + term);
        assertThat(browser.find("#risk-LEARNING .risk-badge").getText()).isEqualTo("เสี่ยง");
        assertThat(browser.findAll("#spark-attendance")).hasSize(1);
        look("care-student");

        browser.open("/care/class?term=" + term);
        assertThat(browser.findAll("#class-row-" + other)).hasSize(1);
        look("care-class");
        browser.open("/care/dashboard?term=" + term);
        assertThat(Long.parseLong(browser.find("#level-PROBLEM .stat-value").getText())).isGreaterThanOrEqualTo(1);
        look("care-dashboard");
    }

    @Test
    void ruleSetScreens() {
        String term = CareFixtures.term();
        long source = sets.byCodeAndVersion("care-default", "2569.1").orElseThrow().id();
        browser.login("fund", WebSession.DEMO_PASSWORD);
        browser.open("/care/rule-sets");
        look("care-rule-sets");
        browser.open("/care/rule-sets/" + source);
        browser.find("#copy-version").sendKeys("look" + System.nanoTime() % 1_000_000L);
        browser.clickAndWait("#copy-care-rule-set");
        assertThat(browser.findAll("#care-rule-set-form")).hasSize(1);
        browser.find("#effectiveTerms").clear();
        browser.find("#effectiveTerms").sendKeys(term);
        browser.find("#learning\\.atRiskGpaBelow").clear();
        browser.find("#learning\\.atRiskGpaBelow").sendKeys("abc");
        browser.clickAndWait("#save-care-rule-set");
        assertThat(browser.findAll("#care-rules-errors")).hasSize(1);
        look("care-rule-set-edit-errors");
        browser.find("#learning\\.atRiskGpaBelow").clear();
        browser.find("#learning\\.atRiskGpaBelow").sendKeys("2.25");
        browser.clickAndWait("#save-care-rule-set");
        browser.find("#sim-term").clear();
        browser.find("#sim-term").sendKeys(term);
        new org.openqa.selenium.support.ui.Select(browser.find("#sim-province")).selectByValue("40");
        browser.clickAndWait("#simulate");
        assertThat(browser.findAll("#simulation-table")).hasSize(1);
        look("care-rule-set-simulated");
    }

    private void look(String name) {
        browser.screenshot(name + "-th", DESKTOP);
        browser.screenshot(name + "-th", PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px must not scroll sideways: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        browser.resize(DESKTOP);
    }

    static String day(String term, int plus) {
        return BuddhistDate.formatShort(Term.parse(term).startDate().plusDays(plus));
    }
}
