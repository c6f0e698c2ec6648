package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Administrators create and disable users, assign roles and areas, and reset passwords. */
@IntegrationTest
class UserAdminScreenTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void adminCreatesATeacherWhoCanThenLogIn() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        HttpResponse<String> r = admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "Kru.Malee", "displayName", "ครูมาลี ศรีสุข", "password", "ไปเยี่ยมบ้านนักเรียนทุกวันพุธ",
                "roles", "TEACHER", "orgUnitCodes", "1040170003, CDC-400201"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(admin.get(r.headers().firstValue("Location").orElseThrow().replace(admin.base(), "")).body())
                .contains("เพิ่มผู้ใช้งานเรียบร้อยแล้ว").contains("kru.malee");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM user_org_unit uo JOIN user_account u ON u.id = uo.user_id WHERE u.username = 'kru.malee'""",
                Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM user_account WHERE username = 'kru.malee'", String.class))
                .startsWith("{argon2@SpringSecurity_v5_8}$argon2id$");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'CREATE' AND entity_type = 'UserAccount'""",
                Integer.class)).isPositive();

        HttpResponse<String> login = new WebSession(port).login("kru.malee", "ไปเยี่ยมบ้านนักเรียนทุกวันพุธ");
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void badInputShowsFieldErrorsInThaiAndWritesNothing() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        HttpResponse<String> r = admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "no spaces allowed", "displayName", "", "password", "password1", "roles", "PROVINCE",
                "orgUnitCodes", "NOPE-0001"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ").contains("กรุณากรอกชื่อ-นามสกุล")
                .contains("ไม่พบรหัสหน่วยงาน: NOPE-0001").contains("has-error");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_account WHERE display_name = ''", Integer.class)).isZero();

        HttpResponse<String> weak = admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "weakling", "displayName", "Weak", "password", "password1", "roles", "FUND"));
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains("รหัสผ่านนี้เป็นรหัสที่ใช้กันทั่วไป");
        HttpResponse<String> noProvince = admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "noprovince", "displayName", "No province", "password", "a sensible passphrase", "roles", "PROVINCE"));
        assertThat(noProvince.body()).contains("เจ้าหน้าที่จังหวัดต้องระบุจังหวัด");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_account WHERE username IN ('weakling', 'noprovince')", Integer.class))
                .isZero();
    }

    @Test
    void staleEditIsRefusedWithAClearMessage() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "stale.edit", "displayName", "Stale", "password", "a sensible passphrase", "roles", "FUND"));
        long id = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'stale.edit'", Long.class);
        long version = jdbc.queryForObject("SELECT version FROM user_account WHERE id = ?", Long.class, id);

        HttpResponse<String> first = admin.postFromPage("/admin/users/" + id + "/edit", "/admin/users/" + id, form(
                "displayName", "First change", "roles", "FUND", "version", String.valueOf(version)));
        assertThat(first.statusCode()).isEqualTo(302);
        HttpResponse<String> second = admin.postFromPage("/admin/users/" + id + "/edit", "/admin/users/" + id, form(
                "displayName", "Second change", "roles", "FUND", "version", String.valueOf(version)));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("ถูกแก้ไขโดยผู้อื่น");
        assertThat(jdbc.queryForObject("SELECT display_name FROM user_account WHERE id = ?", String.class, id)).isEqualTo("First change");
    }

    @Test
    void disablingStopsLoginAndResetPasswordAppliesTheRules() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        admin.postFromPage("/admin/users/new", "/admin/users", form(
                "username", "leaver", "displayName", "Leaver", "password", "a sensible passphrase", "roles", "FUND"));
        long id = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'leaver'", Long.class);

        admin.postFromPage("/admin/users/" + id + "/edit", "/admin/users/" + id + "/password",
                form("version", version(id), "password", "12345678"));
        assertThat(admin.get("/admin/users/" + id + "/edit").body()).contains("รหัสผ่านนี้เป็นรหัสที่ใช้กันทั่วไป");
        admin.postFromPage("/admin/users/" + id + "/edit", "/admin/users/" + id + "/password",
                form("version", version(id), "password", "another sensible passphrase"));
        assertThat(new WebSession(port).login("leaver", "another sensible passphrase").headers().firstValue("Location").orElseThrow())
                .endsWith("/");

        admin.postFromPage("/admin/users/" + id + "/edit", "/admin/users/" + id + "/disable", form("version", version(id)));
        assertThat(new WebSession(port).login("leaver", "another sensible passphrase").headers().firstValue("Location").orElseThrow())
                .endsWith("/login?disabled");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'UserAccount' AND entity_id = ? "
                + "AND action IN ('PASSWORD_RESET', 'DISABLE')", Integer.class, String.valueOf(id))).isEqualTo(2);
    }

    @Test
    void listSearchesUsers() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        String body = admin.get("/admin/users?q=province").body();
        assertThat(body).contains("province2").contains("เจ้าหน้าที่จังหวัด").doesNotContain(">teacher2<");
    }

    private String version(long id) {
        return String.valueOf(jdbc.queryForObject("SELECT version FROM user_account WHERE id = ?", Long.class, id));
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
