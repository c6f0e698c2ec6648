package org.eduequity.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Static files and Swagger UI are served with the resource chain switched off (links are written as they are), and a
 * page's links are not rewritten.
 */
@IntegrationTest
class StaticResourcesTests {

    @LocalServerPort
    int port;

    @Test
    void stylesScriptsAndSwaggerUiAreServedAndLinksStayAsWritten() {
        WebSession fund = WebSession.loggedIn(port, "fund");
        HttpResponse<String> css = fund.get("/css/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(".review-row");
        assertThat(fund.get("/js/app.js").statusCode()).isEqualTo(200);
        HttpResponse<String> ui = fund.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(fund.get("/v3/api-docs").body()).contains("/api/v1/screened-list");
        assertThat(fund.get("/review?term=2569/1&province=40").body()).contains("href=\"/css/app.css\"").contains("src=\"/js/app.js\"");
    }
}
