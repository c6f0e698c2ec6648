package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The JSON API: HTTP Basic with the same accounts, problem+json errors in the caller's language. */
@IntegrationTest
class ApiAuthenticationTests {

    @LocalServerPort
    int port;

    @Test
    void meDescribesATeacherWithTheirUnits() {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "teacher", WebSession.DEMO_PASSWORD).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.body()).contains("\"username\":\"teacher\"").contains("\"roles\":[\"TEACHER\"]")
                .contains("\"code\":\"1040010001\"").contains("โรงเรียนบ้านสำราญ").contains("\"province\":null");
    }

    @Test
    void meDescribesAProvinceUserWithTheirProvinceInEnglishWhenAsked() {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "province", WebSession.DEMO_PASSWORD)
                .header("Accept-Language", "en").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"roles\":[\"PROVINCE\"]").contains("\"code\":\"40\"").contains("\"name\":\"Khon Kaen\"")
                .contains("\"orgUnits\":[]");
    }

    @Test
    void missingOrWrongCredentialsGiveProblemJson() {
        HttpResponse<String> none = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", null, null).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        assertThat(none.body()).contains("\"status\":401").contains("ยืนยันตัวตน");

        HttpResponse<String> wrong = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "fund2", "wrong password")
                .header("Accept-Language", "en").build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Authenticate with your username and password");
    }

    @Test
    void apiKeepsNoSessionAndIgnoresBrowserSessionCookies() {
        WebSession browser = WebSession.loggedIn(port, "admin");
        HttpResponse<String> withCookie = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", null, null)
                .header("Cookie", "SESSION=" + browser.cookie("SESSION").orElseThrow()).build());
        assertThat(withCookie.statusCode()).isEqualTo(401);
        HttpResponse<String> basic = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "admin", WebSession.DEMO_PASSWORD).build());
        assertThat(basic.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void outOfAreaReadsAreForbiddenAsProblemJson() {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/provinces/21/org-units", "province",
                WebSession.DEMO_PASSWORD).build());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":403");
    }
}
