package org.eduequity.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pages as a user sees them, on a phone (360 px) and a desktop (1280 px): full-page screenshots under
 * {@code target/screenshots/pages/} for a person to look at, and checks that a phone never needs to scroll
 * sideways and that the Thai web font (Sarabun) is used.
 */
@IntegrationTest
class PageLookTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void loginPage() {
        browser.open("/login");
        look("login");

        browser.login("nobody-here", "wrong-password");
        look("login-error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"teacher", "province", "fund", "admin"})
    void homePage(String username) {
        browser.login(username, LoginJourneyTest.DEMO_PASSWORD);
        assertThat(browser.findAll("#home-" + username)).hasSize(1);
        look("home-" + username);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/admin/users", "/admin/users/new", "/admin/org-units", "/admin/org-units/new",
            "/admin/org-units/import", "/admin/audit"})
    void adminPage(String path) {
        browser.login("admin", LoginJourneyTest.DEMO_PASSWORD);
        browser.open(path);
        look("admin" + path.replace("/admin", "").replace('/', '-'));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"teacher", "admin"})
    void rosterImportPage(String username) {
        browser.login(username, LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/roster/import");
        look("roster-import-" + username);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/children", "/children/new", "child", "visit"})
    void teacherPage(String path) {
        browser.login("teacher", LoginJourneyTest.DEMO_PASSWORD);
        String childId = null;
        if (path.equals("child") || path.equals("visit")) {
            browser.open("/children");
            String href = browser.find("#children-table tbody tr td a").getAttribute("href");
            childId = href.substring(href.lastIndexOf('/') + 1);
        }
        if (path.equals("child")) {
            browser.open("/children/" + childId);
        } else if (path.equals("visit")) {
            browser.open("/children/" + childId + "/visit");
        } else {
            browser.open(path);
        }
        look("teacher-" + path.replace("/", "-").replaceAll("^-", ""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "view", "view-province", "edit", "edit-problems"})
    void ruleSetPage(String page) {
        browser.login(page.endsWith("province") ? "province" : "fund", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/screening/rule-sets");
        if (!page.equals("list")) {
            long id = jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = '2569.1'", Long.class);
            browser.clickAndWait("#rule-set-" + id + " a");
        }
        if (page.startsWith("edit")) {
            browser.find("#copy-version").sendKeys("look" + System.nanoTime() % 1_000_000_000L);
            browser.clickAndWait("#copy-rule-set");
            assertThat(browser.findAll("#rule-set-edit")).hasSize(1);
        }
        if (page.equals("edit-problems")) {
            browser.find("#p-tenure-RENT").clear();
            browser.find("#p-dependants-maxCounted").clear();
            browser.find("#p-dependants-maxCounted").sendKeys("99");
            browser.clickAndWait("#save-rule-set");
            assertThat(browser.findAll(".field-error")).isNotEmpty();
        }
        look("rules-" + page);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"province", "fund"})
    void screenedList(String username) {
        browser.login(username, LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/review?term=2569/1&province=40");
        assertThat(browser.findAll("#review-list")).hasSize(1);
        look("screened-list-" + username);
    }

    @Test
    void childPageWithScreening() {
        long childId = jdbc.queryForObject("""
                SELECT vs.child_id FROM visit_student vs JOIN screening_current r ON r.visit_id = vs.visit_id
                JOIN child c ON c.id = vs.child_id JOIN org_unit u ON u.id = c.org_unit_id
                WHERE u.code = '1040010001' AND r.classification <> 'INCOMPLETE' ORDER BY vs.child_id LIMIT 1""", Long.class);
        browser.login("teacher", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/children/" + childId);
        assertThat(browser.findAll("#child-screening .screening-areas")).isNotEmpty();
        look("teacher-child-screening");
    }

    @Test
    void returnedVisitInboxAndForm() {
        org.eduequity.survey.SurveyReceipt visit = org.eduequity.survey.ReturnedVisitFixtures.aReturnedVisit(context,
                "รายได้ของมารดาไม่ตรงกับหนังสือรับรองรายได้ กรุณาตรวจสอบและแก้ไขรายได้ต่อเดือนของสมาชิกทุกคนอีกครั้ง");
        browser.login("teacher", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/visits/returned");
        assertThat(browser.findAll("#returned-" + visit.id())).hasSize(1);
        look("teacher-returned");
        browser.clickAndWait("#correct-" + visit.id());
        assertThat(browser.findAll("#return-note")).hasSize(1);
        look("teacher-visit-returned");
    }

    @Test
    void adminFormWithErrors() {
        browser.login("admin", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/admin/users/new");
        browser.clickAndWait("#save-user");
        browser.waitUntil(d -> !d.findElements(org.openqa.selenium.By.cssSelector(".field-error")).isEmpty());
        assertThat(browser.findAll(".field-error")).isNotEmpty();
        look("admin-users-new-errors");
    }

    @Test
    void screeningRunPages() {
        browser.login("fund", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/screening/runs");
        look("screening-runs");
        browser.open("/screening/what-if");
        look("screening-what-if");
        browser.clickAndWait("#start-what-if");
        browser.waitUntil(d -> {
            if (d.findElements(org.openqa.selenium.By.id("run-status")).isEmpty()
                    || !d.findElements(org.openqa.selenium.By.id("run-progress")).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(browser.findAll("#moves-table")).hasSize(1);
        look("screening-run-what-if");
    }

    private void look(String name) {
        browser.screenshot(name + "-th", DESKTOP);
        assertThaiFontUsed(name);
        browser.screenshot(name + "-th", PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px: content width (scrollWidth) must fit the viewport (%d px), "
                + "no sideways scrolling; sticking out: %s", name, PHONE, widths[1], browser.overflowingElements()).isLessThanOrEqualTo(widths[1]).isLessThanOrEqualTo(PHONE);
        assertThat(browser.find("h1").isDisplayed()).isTrue();
        if (!browser.findAll(".nav-toggle").isEmpty()) {
            assertThat(browser.find(".lang-switch a[lang='en']").isDisplayed()).as("menu closed at first").isFalse();
            browser.find(".nav-toggle").click();
            browser.screenshot(name + "-th-menu", PHONE);
        }
        assertThat(browser.find(".lang-switch a[lang='en']").isDisplayed())
                .as("%s at %d px: the English switch can be reached", name, PHONE).isTrue();
        assertThat(browser.contentAndViewportWidth()[0]).as("%s at %d px with the menu open", name, PHONE)
                .isLessThanOrEqualTo(PHONE);
    }

    private void assertThaiFontUsed(String name) {
        Object loaded = browser.script("return document.fonts.check('16px Sarabun', 'ก');");
        Object family = browser.script("return getComputedStyle(document.querySelector('h1')).fontFamily;");
        assertThat(String.valueOf(family)).as("%s: heading font", name).contains("Sarabun");
        assertThat(loaded).as("%s: Sarabun (Thai) loaded", name).isEqualTo(true);
    }
}
