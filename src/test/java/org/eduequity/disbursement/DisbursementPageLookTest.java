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

    private void look(String name) {
        browser.screenshot(name, DESKTOP);
        browser.screenshot(name, PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px: no sideways scrolling; sticking out: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        assertThat(browser.find("h1").isDisplayed()).isTrue();
    }
}
