package org.eduequity.disbursement;

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
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The fund office's disbursement pages on a phone (360 px) and a desktop (1280 px), in Thai and English: full-page
 * screenshots under {@code target/screenshots/pages/}, and no sideways scrolling on the phone.
 */
@IntegrationTest
class DisbursementPageLookTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentRounds rounds;

    @Autowired
    UserDetailsService users;

    @Test
    void programmesRoundsAndARound() {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, "2567/2", 4);
        browser.login("fund2", WebSession.DEMO_PASSWORD);
        for (String lang : new String[] {"th", "en"}) {
            browser.open("/disbursement/programmes?lang=" + lang);
            look("disbursement-programmes-" + lang);
            browser.open("/disbursement/rounds?lang=" + lang);
            look("disbursement-rounds-" + lang);
            browser.open("/disbursement/rounds/" + id + "?lang=" + lang);
            assertThat(browser.findAll("#approve-form")).hasSize(1);
            look("disbursement-round-" + lang);
            browser.open("/disbursement/rounds/new?term=2567/2&lang=" + lang);
            look("disbursement-new-round-" + lang);
        }
        browser.open("/disbursement/rounds/" + id + "?lang=th");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void aReconciledRoundWithItsReportAndATeachersPaymentsPage() {
        long id = BankReconciliationScreensTests.exportedRound(port, jdbc, rounds, users, "2567/2", 3);
        java.util.List<String> refs = BankReconciliationScreensTests.refs(jdbc, id);
        browser.driver().manage().deleteAllCookies();
        browser.login("fund", WebSession.DEMO_PASSWORD);
        for (String lang : new String[] {"th", "en"}) {
            browser.open("/disbursement/rounds/" + id + "?lang=" + lang);
            assertThat(browser.findAll("#bank-results-form")).hasSize(1);
            look("disbursement-round-exported-" + lang);
        }
        // upload a result file in the browser: the report shows, then a bad file shows its fault under the field
        java.nio.file.Path file;
        java.nio.file.Path bad;
        try {
            file = java.nio.file.Files.createTempFile("bank-results", ".csv");
            java.nio.file.Files.writeString(file, "lineRef,amount,status,date,message\r\n" + refs.get(0) + ",400.00,PAID,2026-07-15,\r\n"
                    + refs.get(1) + ",400.00,FAILED,2026-07-15,บัญชีปิด\r\n" + refs.get(2) + ",399.00,PAID,2026-07-15,\r\n"
                    + "R" + id + "-999999999,400.00,PAID,2026-07-15,\r\n");
            bad = java.nio.file.Files.createTempFile("bank-results-bad", ".csv");
            java.nio.file.Files.writeString(bad, "lineRef,amount,status,date,message\r\n" + refs.get(0) + ",4OO,PAID,2026-07-15,\r\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String lang : new String[] {"th", "en"}) {
            browser.open("/disbursement/rounds/" + id + "?lang=" + lang);
            browser.find("#bank-results-file").sendKeys(lang.equals("th") ? file.toString() : bad.toString());
            browser.clickAndWait("#upload-bank-results");
            if (lang.equals("th")) {
                assertThat(browser.findAll("#bank-report")).hasSize(1);
                look("disbursement-round-report-th");
            } else {
                assertThat(browser.findAll("#bank-results-error")).hasSize(1);
                look("disbursement-round-bad-file-en");
            }
        }
        browser.driver().manage().deleteAllCookies();
        browser.login("teacher", WebSession.DEMO_PASSWORD);
        for (String lang : new String[] {"th", "en"}) {
            browser.open("/disbursement/children?term=2567/2&lang=" + lang);
            assertThat(browser.findAll("#child-payments-table")).hasSize(1);
            look("disbursement-child-payments-" + lang);
        }
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
