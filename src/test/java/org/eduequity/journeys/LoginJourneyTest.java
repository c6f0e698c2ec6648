package org.eduequity.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.eduequity.support.browser.JourneyAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first journey, as a user meets it in a real browser: each role logs in and sees its home page in
 * Thai, switches to English, logs out; a wrong password is refused; the sixth try after five wrong ones
 * meets the lockout.
 */
@IntegrationTest
class LoginJourneyTest {

    static final String DEMO_PASSWORD = "demo-Passw0rd-for-tests";

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    JourneyAccounts accounts;

    @Autowired
    void accounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, TransactionTemplate tx) {
        accounts = new JourneyAccounts(jdbc, passwordEncoder, tx);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "teacher,  home-teacher,  สวัสดี",
            "province, home-province, จังหวัดขอนแก่น",
            "fund,     home-fund,     ภาพรวมระดับประเทศ",
            "admin,    home-admin,    ผู้ดูแลระบบ"})
    void eachRoleSeesItsHomeInThaiSwitchesToEnglishAndLogsOut(String username, String homeId, String thaiHeading) {
        browser.open("/login");
        assertThat(browser.htmlLang()).isEqualTo("th");
        assertThat(browser.find("h1").getText()).isEqualTo("เข้าสู่ระบบ");

        browser.login(username, DEMO_PASSWORD);

        assertThat(browser.findAll("#" + homeId)).as("home page of " + username).hasSize(1);
        assertThat(browser.find("#" + homeId + " h1").getText()).contains(thaiHeading);
        assertThat(browser.htmlLang()).isEqualTo("th");
        assertThat(browser.find(".logout-form button").getText()).isEqualTo("ออกจากระบบ");

        browser.clickAndWait(".lang-switch a[lang='en']");

        assertThat(browser.findAll("#" + homeId)).hasSize(1);
        assertThat(browser.htmlLang()).isEqualTo("en");
        assertThat(browser.find(".logout-form button").getText()).isEqualTo("Log out");

        browser.clickAndWait(".logout-form button");

        assertThat(browser.driver().getCurrentUrl()).contains("/login?logout");
        assertThat(browser.find("#login-logout").getText()).isEqualTo("You have logged out.");
        assertThat(browser.htmlLang()).isEqualTo("en");

        browser.open("/");
        assertThat(browser.driver().getCurrentUrl()).as("logged out for real").contains("/login");
    }

    @Test
    void aWrongPasswordIsRefusedInThai() {
        String username = accounts.createTeacher("journey-wrong", DEMO_PASSWORD);

        browser.login(username, "not-the-password");

        assertThat(browser.driver().getCurrentUrl()).contains("/login?error");
        assertThat(browser.find("#login-error").getText()).contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
        assertThat(browser.findAll("#login-locked")).isEmpty();
        assertThat(browser.find("#username").getAttribute("value")).isEmpty();

        browser.login(username, DEMO_PASSWORD);
        assertThat(browser.findAll("#home-teacher")).as("the right password still works").hasSize(1);
    }

    @Test
    void theSixthTryAfterFiveWrongPasswordsMeetsTheLockout() {
        String username = accounts.createTeacher("journey-lock", DEMO_PASSWORD);

        for (int i = 1; i <= 5; i++) {
            browser.login(username, "wrong-password-" + i);
            assertThat(browser.find("#login-error").getText()).as("wrong try " + i)
                    .contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
            assertThat(browser.findAll("#login-locked")).isEmpty();
        }

        browser.login(username, DEMO_PASSWORD); // the right password, but too late

        assertThat(browser.driver().getCurrentUrl()).contains("/login?locked");
        assertThat(browser.findAll("#home-teacher")).isEmpty();
        assertThat(browser.findAll("#login-error")).isEmpty();
        assertThat(browser.find("#login-locked").getText()).contains("บัญชีนี้ถูกล็อกชั่วคราว").contains("15 นาที");
    }
}
