package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Form login, CSRF, session id rotation, lockout, security headers and the audit of logins. */
@IntegrationTest
class LoginAndSessionTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void anonymousVisitorIsSentToTheThaiLoginPage() {
        WebSession web = new WebSession(port);
        HttpResponse<String> home = web.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> login = web.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("lang=\"th\"").contains("เข้าสู่ระบบ").contains("ชื่อผู้ใช้");
    }

    @Test
    void loginWithoutCsrfTokenIsRefusedAndTheUserAskedToLogInAgain() {
        WebSession web = new WebSession(port);
        web.get("/login");
        HttpResponse<String> r = web.post("/login", Map.of("username", "teacher", "password", WebSession.DEMO_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(web.get("/login?expired").body()).contains("หน้าจอนี้หมดอายุแล้ว");
        assertThat(web.get("/").statusCode()).as("still not logged in").isEqualTo(302);
    }

    @Test
    void loginIssuesANewSessionIdAndLogoutEndsTheSession() {
        WebSession web = new WebSession(port);
        web.get("/login");
        String before = web.cookie("SESSION").orElseThrow();
        HttpResponse<String> r = web.login("teacher", WebSession.DEMO_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(302);
        String after = web.cookie("SESSION").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(web.get("/").body()).contains("id=\"home-teacher\"");

        HttpResponse<String> logout = web.postWithToken("/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(web.get("/").statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE actor = 'teacher' AND action = 'LOGOUT'", Integer.class))
                .isPositive();
    }

    @Test
    void aSignedInUserPostingWithoutCsrfTokenIsForbidden() {
        WebSession web = WebSession.loggedIn(port, "admin");
        HttpResponse<String> r = web.post("/admin/users", Map.of("username", "csrf-victim"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_account WHERE username = 'csrf-victim'", Integer.class)).isZero();
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> r = new WebSession(port).get("/login");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
    }

    @Test
    void idleSessionsExpireAfterThirtyMinutes() {
        WebSession web = WebSession.loggedIn(port, "fund");
        String id = web.cookie("SESSION").orElseThrow();
        Integer maxInactive = jdbc.queryForObject(
                "SELECT max_inactive_interval FROM spring_session WHERE principal_name = 'fund' ORDER BY creation_time DESC LIMIT 1",
                Integer.class);
        assertThat(id).isNotBlank();
        assertThat(maxInactive).isEqualTo(1800);
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() {
        WebSession web = new WebSession(port);
        HttpResponse<String> r = web.login("province2", "not-the-password");
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(web.get("/login?error").body()).contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE actor = 'province2' AND action = 'LOGIN_FAILED'",
                Integer.class)).isPositive();
    }

    @Test
    void sixthAttemptAfterFiveFailuresIsLockedEvenWithTheRightPassword() {
        createTeacher("lockme", "correct horse battery");
        WebSession web = new WebSession(port);
        for (int i = 0; i < 5; i++) {
            assertThat(web.login("lockme", "wrong-" + i).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        HttpResponse<String> sixth = web.login("lockme", "correct horse battery");
        assertThat(sixth.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
        assertThat(web.get("/login?locked").body()).contains("ถูกล็อกชั่วคราว").contains("15");
        assertThat(new WebSession(port).acceptLanguage("en").get("/login?locked&lang=en").body()).contains("locked");

        // the API honours the same lock
        HttpResponse<String> api = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "lockme", "correct horse battery").build());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("ถูกล็อก");
    }

    @Test
    void successfulLoginClearsEarlierFailures() {
        createTeacher("forgetful", "a long enough passphrase");
        WebSession web = new WebSession(port);
        for (int i = 0; i < 4; i++) {
            web.login("forgetful", "wrong-" + i);
        }
        assertThat(web.login("forgetful", "a long enough passphrase").headers().firstValue("Location").orElseThrow()).endsWith("/");
        WebSession again = new WebSession(port);
        again.login("forgetful", "wrong-again");
        assertThat(again.login("forgetful", "a long enough passphrase").headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    private void createTeacher(String username, String password) {
        Long id = jdbc.queryForObject("""
                INSERT INTO user_account (username, display_name, password_hash) VALUES (?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id""",
                Long.class, username, "Test " + username, encoder.encode(password));
        jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'TEACHER') ON CONFLICT DO NOTHING", id);
        jdbc.update("""
                INSERT INTO user_org_unit (user_id, org_unit_id) SELECT ?, id FROM org_unit WHERE code = '1040050002'
                ON CONFLICT DO NOTHING""", id);
        jdbc.update("DELETE FROM login_attempt WHERE username = ?", username);
    }
}
