package org.eduequity.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.review.ReviewFixtures.A;
import static org.eduequity.review.ReviewFixtures.B;
import static org.eduequity.review.ReviewFixtures.C;
import static org.eduequity.review.ReviewFixtures.D;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.review.ReviewFixtures.Household;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.eduequity.survey.VisitPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial committee's journey in a real browser: the province filters the screened list, approves a child,
 * returns one to the teacher, approves the rest in bulk after confirming the count, certifies the list, then amends
 * it (a flagged child approved with an override reason) and reads the difference. Screens are photographed at phone
 * and desktop width ({@code target/screenshots/pages/review-*}); a phone never scrolls sideways.
 */
@IntegrationTest
class ReviewJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    private static final String PASSWORD = org.eduequity.support.WebSession.DEMO_PASSWORD;

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

    @Autowired
    VisitPhotos photos;

    @Autowired
    UserDetailsService users;

    private Household withPhotos(ReviewFixtures f, String term, int example) {
        Household h = f.screened(term, example, false);
        ReviewFixtures.attachRealPhotos(photos, users, h.visitId());
        return h;
    }

    /** Opens a page and waits until all of it is there (the footer is the last element), whatever navigation was under way. */
    private void open(String path) {
        browser.open(path);
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".app-footer")).isEmpty()
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void openDecision(Household h) {
        browser.clickAndWait("#decide-" + h.nationalId());
    }

    private String status(Household h) {
        return browser.find("#row-" + h.nationalId() + " .review-status").getText();
    }

    @Test
    void aProvinceReviewsCertifiesAndAmendsItsList() {
        String term = "2565/1";
        ReviewFixtures f = new ReviewFixtures(jdbc, tx, screening, ruleSets, json);
        Household b = withPhotos(f, term, B);
        Household d1 = withPhotos(f, term, D);
        Household d2 = withPhotos(f, term, D);
        Household a = f.screened(term, A, false);
        Household c = withPhotos(f, term, C);

        browser.login("province", PASSWORD);
        open("/review?term=" + term + "&province=40&lang=en");
        assertThat(browser.findAll(".review-row")).hasSize(5);
        assertThat(browser.findAll("#row-" + d1.nationalId() + " .review-thumbs img")).hasSize(2);
        assertThat(browser.find("#row-" + a.nationalId() + " .flags").getText()).contains("photos are missing");
        look("review-list");

        // filter: the poor ones
        new Select(browser.find("#f-classification")).selectByValue("POOR");
        browser.clickAndWait("#apply-filters");
        assertThat(browser.findAll(".review-row")).hasSize(3);
        assertThat(browser.find("#class-count-POOR").getText()).contains("3");

        // approve one
        openDecision(d1);
        browser.clickAndWait("#approve-" + d1.nationalId() + " button[type=submit]");
        assertThat(browser.find("#review-done").getText()).isEqualTo("Approved.");
        assertThat(status(d1)).isEqualTo("Approved");
        assertThat(browser.find("#f-classification option:checked").getAttribute("value")).as("the filter is kept").isEqualTo("POOR");

        // return one to the teacher with a reason, from its decision page
        openDecision(d2);
        assertThat(browser.findAll("#row-" + d2.nationalId() + " .review-thumbs img")).hasSize(2);
        look("review-decide");
        new Select(browser.find("#RETURN-reason-code-" + d2.nationalId())).selectByValue("PHOTO_UNCLEAR");
        browser.find("#RETURN-reason-" + d2.nationalId()).sendKeys("รูปด้านในบ้านมืด");
        browser.clickAndWait("#return-" + d2.nationalId() + " button[type=submit]");
        assertThat(status(d2)).isEqualTo("Returned");
        assertThat(browser.find("#row-" + d2.nationalId() + " .review-reason").getText()).isEqualTo("Photos unclear or missing: รูปด้านในบ้านมืด");
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, d2.visitId())).isEqualTo("RETURNED");

        // approve the rest of the whole list in bulk: only the extremely poor one qualifies (A is flagged, C not poor)
        open("/review?term=" + term + "&province=40");
        browser.clickAndWait("#bulk-approve");
        assertThat(browser.find("#bulk-count").getText()).startsWith("1 children will be approved");
        assertThat(browser.find("#bulk-flagged").getText()).startsWith("1 children");
        look("review-bulk");
        browser.clickAndWait("#bulk-confirm");
        assertThat(browser.find("#review-done").getText()).isEqualTo("1 children approved.");
        assertThat(status(b)).isEqualTo("Approved");
        assertThat(status(c)).isEqualTo("Pending");

        // certify
        browser.clickAndWait("#certifications");
        assertThat(browser.find("#approved-count").getText()).isEqualTo("2");
        browser.clickAndWait("#certify");
        assertThat(browser.find("#certification-done").getText()).isEqualTo("Version 1 certified with 2 children.");
        assertThat(browser.find("#certified-entries").getText()).contains(b.nationalId()).contains(d1.nationalId())
                .doesNotContain(a.nationalId());
        look("review-certification");

        // amend: the flagged child approved with an override reason
        open("/review?term=" + term + "&province=40");
        openDecision(a);
        browser.find("#override-" + a.nationalId()).sendKeys("ครูส่งรูปทางไลน์ ตรวจแล้ว");
        browser.clickAndWait("#approve-" + a.nationalId() + " button[type=submit]");
        assertThat(status(a)).isEqualTo("Approved");
        browser.clickAndWait("#certifications");
        browser.find("#certify-reason").sendKeys("เพิ่มเด็กที่ตรวจสอบหลักฐานแล้ว");
        browser.clickAndWait("#certify");
        assertThat(browser.find("#certification-done").getText()).isEqualTo("Version 2 certified with 3 children.");
        browser.clickAndWait("#difference");
        assertThat(browser.findAll("#difference-table tbody tr")).hasSize(1);
        assertThat(browser.find("#change-" + a.nationalId()).getText()).contains("Added");
        look("review-difference");
    }

    @Autowired
    org.eduequity.survey.Surveys surveys;

    @Autowired
    java.time.Clock clock;

    @Test
    void aReturnedChildComesBackPendingAfterTheTeachersCorrection() {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        org.eduequity.shared.Term term = org.eduequity.shared.Term.containing(today);
        String nid = org.eduequity.survey.SurveyApiTests.newNationalId();
        org.eduequity.survey.SurveyDocument d = org.eduequity.survey.ReturnedVisitsTests.document(term.toString(), nid, "3500.00");
        String visited = (term.contains(today.minusDays(2)) ? today.minusDays(2) : today).toString();
        org.eduequity.survey.SurveyDocument doc = new org.eduequity.survey.SurveyDocument(d.externalId(), d.term(), visited, d.orgUnitCode(),
                d.address(), d.location(), d.singleParent(), d.members(), d.housing(), d.farmland(), d.drinkingWater(), d.electricity(),
                d.vehicles(), d.appliances(), new org.eduequity.survey.SurveyDocument.Consent(true, "GUARDIAN", visited, java.util.List.of("SCREENING")),
                d.journeyToSchool(), d.incomeCertifiedBy());
        org.springframework.security.core.userdetails.UserDetails teacher = users.loadUserByUsername("teacher");
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(teacher, null, teacher.getAuthorities()));
        long visitId;
        try {
            visitId = surveys.submit(doc).id();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        ReviewFixtures.attachRealPhotos(photos, users, visitId);
        long firstResult = jdbc.queryForObject("SELECT result_id FROM screening_current WHERE visit_id = ?", Long.class, visitId);
        String row = "#row-" + nid;
        String listUrl = "/review?term=" + term + "&province=40&nationalId=" + nid;

        // the province returns the household to the teacher
        browser.login("province", PASSWORD);
        open(listUrl + "&lang=en");
        assertThat(browser.findAll(".review-row")).hasSize(1);
        browser.clickAndWait("#decide-" + nid);
        new Select(browser.find("#RETURN-reason-code-" + nid)).selectByValue("INCOME_NOT_CERTIFIED");
        browser.find("#RETURN-reason-" + nid).sendKeys("ให้ผู้ใหญ่บ้านรับรองรายได้");
        browser.clickAndWait("#return-" + nid + " button[type=submit]");
        assertThat(browser.find(row + " .review-status").getText()).isEqualTo("Returned");

        // the teacher finds it in the inbox, corrects the income and submits again
        browser.login("teacher", PASSWORD);
        open("/visits/returned?lang=en");
        assertThat(browser.find("#returned-" + visitId).getText()).contains("ให้ผู้ใหญ่บ้านรับรองรายได้");
        browser.clickAndWait("#correct-" + visitId);
        assertThat(browser.find("#return-reason").getText()).contains("ให้ผู้ใหญ่บ้านรับรองรายได้");
        org.openqa.selenium.WebElement wages = browser.find("#i-members-1-income-wages");
        wages.clear();
        wages.sendKeys("1,200");
        browser.clickAndWait("#submit-visit");
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, visitId)).isEqualTo("SUBMITTED");

        // screened again, and pending again on the province's list with the new result
        long secondResult = jdbc.queryForObject("SELECT result_id FROM screening_current WHERE visit_id = ?", Long.class, visitId);
        assertThat(secondResult).isGreaterThan(firstResult);
        browser.login("province", PASSWORD);
        open(listUrl + "&lang=en");
        assertThat(browser.find(row + " .review-status").getText()).isEqualTo("Pending");
        assertThat(browser.findAll(row + " .review-reason")).isEmpty();
        assertThat(jdbc.queryForList("SELECT decision FROM review_decision r JOIN child c ON c.id = r.child_id WHERE c.national_id = ? ORDER BY r.id",
                String.class, nid)).containsExactly("RETURN", "RESUBMITTED");
        look("review-resubmitted");
    }

    /** Desktop and phone screenshots; a phone must not scroll sideways. */
    private void look(String name) {
        browser.screenshot(name, DESKTOP);
        browser.screenshot(name, PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px: no sideways scrolling; sticking out: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        browser.resize(DESKTOP);
        assertThat(browser.driver().findElement(By.tagName("h1")).isDisplayed()).isTrue();
    }
}
