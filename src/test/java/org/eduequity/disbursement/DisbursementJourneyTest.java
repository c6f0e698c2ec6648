package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eduequity.disbursement.DisbursementFixtures.Kid;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 7's journey in a real browser: a fund user plans a round from a province's certified list, a second fund user
 * approves it (the first cannot), the bank file is taken, the bank's result file is uploaded, and the paid and failed
 * counts show on the round.
 */
@IntegrationTest
class DisbursementJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    private static final String TERM = "2566/2";
    private static final String PROVINCE = "21";

    @Autowired
    JdbcTemplate jdbc;

    /** Opens a page and waits until all of it is there. */
    private void open(String path) {
        browser.open(path);
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".app-footer")).isEmpty()
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Test
    void aRoundIsPlannedApprovedByASecondUserPaidAndReconciled() throws Exception {
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        List<Kid> kids = f.children(TERM, PROVINCE, 3);
        long certification = f.certify(PROVINCE, TERM, kids);
        f.budget("CCT_IN_SCHOOL", PROVINCE, TERM, "100000.00");

        // the first fund user plans the round from the certified list
        browser.login("fund", WebSession.DEMO_PASSWORD);
        open("/disbursement/rounds/new?term=" + TERM + "&lang=en");
        new Select(browser.find("#programme")).selectByValue("CCT_IN_SCHOOL");
        browser.find("#list-" + certification).click();
        browser.clickAndWait("#plan");
        String roundUrl = browser.driver().getCurrentUrl();
        long round = Long.parseLong(roundUrl.replaceAll(".*/disbursement/rounds/(\\d+).*", "$1"));
        assertThat(browser.find("#round-lines").getText()).isEqualTo("3");
        assertThat(browser.findAll("#own-round")).as("the creator cannot approve").hasSize(1);
        assertThat(browser.findAll("#approve")).isEmpty();

        // a second fund user approves
        browser.driver().manage().deleteAllCookies();
        browser.login("fund2", WebSession.DEMO_PASSWORD);
        open("/disbursement/rounds/" + round + "?lang=en");
        browser.clickAndWait("#approve");
        assertThat(jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, round)).isEqualTo("APPROVED");

        // the bank file is taken (the browser downloads it; the round is exported)
        open("/disbursement/rounds/" + round + "?lang=en");
        browser.find("#download-bank-file").click();
        browser.waitUntil(d -> "EXPORTED".equals(jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, round)));

        // the bank's results: two paid, one failed
        List<String> refs = BankReconciliationScreensTests.refs(jdbc, round);
        assertThat(refs).hasSize(3);
        Path results = Files.createTempFile("bank-results-journey", ".csv");
        Files.writeString(results, "lineRef,amount,status,date,message\r\n" + refs.get(0) + ",400.00,PAID,2026-12-01,\r\n"
                + refs.get(1) + ",400.00,PAID,2026-12-01,\r\n" + refs.get(2) + ",400.00,FAILED,2026-12-01,บัญชีปิด\r\n");
        open("/disbursement/rounds/" + round + "?lang=en");
        browser.find("#bank-results-file").sendKeys(results.toString());
        browser.clickAndWait("#upload-bank-results");
        assertThat(browser.find("#report-paid").getText()).isEqualTo("2");
        assertThat(browser.find("#report-failed").getText()).isEqualTo("1");

        // the paid counts show on the round
        open("/disbursement/rounds/" + round + "?lang=en");
        assertThat(browser.find("#status-PAID").getText()).contains("2").contains("800.00");
        assertThat(browser.find("#status-FAILED").getText()).contains("1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry e JOIN payment_line l ON l.id = e.line_id WHERE l.round_id = ?",
                Long.class, round)).isGreaterThanOrEqualTo(9L);
        Files.deleteIfExists(results);

        // the province's budget: two lines paid, the failed one gives its amount back
        open("/disbursement/budget?term=" + TERM + "&programme=CCT_IN_SCHOOL&lang=en");
        String row = browser.find("#budget-" + PROVINCE).getText();
        assertThat(row).contains("100,000.00").contains("99,200.00");
        assertThat(browser.find("#budget-" + PROVINCE + " .budget-bar-paid").getAttribute("width")).isEqualTo("1");
        browser.screenshot("disbursement-budget", org.eduequity.support.browser.BrowserExtension.DESKTOP);
        browser.screenshot("disbursement-budget", org.eduequity.support.browser.BrowserExtension.PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("no sideways scrolling at 360 px: %s", browser.overflowingElements()).isLessThanOrEqualTo(widths[1]);
    }
}
