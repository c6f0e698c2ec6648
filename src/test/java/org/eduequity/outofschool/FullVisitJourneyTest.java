package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8's full home visit in a real browser, at phone width: the demo area worker opens a demo youth found in Mueang
 * Rayong, starts the full visit, lands on the teachers' home-visit form holding the youth, saves the visit date and goes
 * back to the found child's page, which lists the term's draft with "continue". Neither page scrolls sideways at 360 px.
 */
@IntegrationTest
class FullVisitJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    private void noSidewaysScroll(String page) {
        long[] w = browser.contentAndViewportWidth();
        assertThat(w[0]).as(page + " at " + browser.width() + " px: " + browser.overflowingElements()).isLessThanOrEqualTo(w[1]);
    }

    @Test
    void theAreaWorkerStartsAFullVisitOfAFoundYouthOnAPhone() {
        // a demo youth of the area worker's subdistricts with an id, not yet visited, with no case (nobody else's test touches it)
        java.util.Map<String, Object> youth = jdbc.queryForMap("""
                SELECT f.id, f.first_name FROM found_child f WHERE f.subdistrict_code IN ('210101', '210102', '210103')
                AND f.status IN ('FOUND', 'VERIFIED') AND f.national_id ~ '^[0-9]{13}$' AND f.child_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM oos_case c WHERE c.found_child_id = f.id)
                AND NOT EXISTS (SELECT 1 FROM child c WHERE c.national_id = f.national_id)
                ORDER BY f.id DESC LIMIT 1""");
        long foundId = ((Number) youth.get("id")).longValue();
        browser.resize(PHONE);
        browser.login("area", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/children/" + foundId);
        assertThat(browser.find("#full-visit").getText()).contains("การเยี่ยมบ้านแบบเต็ม");
        noSidewaysScroll("found child");
        browser.screenshot("oos-full-visit-start", PHONE);

        browser.clickAndWait("#full-visit-start");
        assertThat(browser.driver().getCurrentUrl()).matches(".*/visits/drafts/\\d+$");
        assertThat(browser.find("#back-to-child").getText()).isEqualTo("กลับไปหน้าเด็กที่พบ");
        assertThat(browser.driver().getPageSource()).contains((String) youth.get("first_name"));
        noSidewaysScroll("visit form");
        browser.screenshot("oos-full-visit-form", PHONE);

        browser.clickAndWait("#back-to-child");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/out-of-school/children/" + foundId + "#full-visit");
        assertThat(browser.find("#full-visits").getText()).contains("ร่าง ยังไม่ส่ง").contains("บันทึกต่อ");
        assertThat(browser.findAll("#full-visit-start")).as("the term's visit is continued, not started again").isEmpty();
        noSidewaysScroll("found child with its visit");
        browser.screenshot("oos-full-visit-listed", PHONE);
        browser.screenshot("oos-full-visit-listed", DESKTOP);
        assertThat(jdbc.queryForObject("SELECT c.status FROM found_child f JOIN child c ON c.id = f.child_id WHERE f.id = ?",
                String.class, foundId)).isEqualTo("OUT_OF_SCHOOL");
    }
}
