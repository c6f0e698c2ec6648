package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.eduequity.EduEquityApplication;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.PostgresTestConfiguration;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sessions live in PostgreSQL: a second application instance on the same database honours a session
 * made by the first, as two instances behind a load balancer must.
 */
@IntegrationTest
class SessionSharedAcrossInstancesTests {

    @LocalServerPort
    int port;

    @Test
    void aSessionMadeByOneInstanceIsHonouredByAnother() {
        PostgresTestConfiguration.DatabaseServer db = PostgresTestConfiguration.server();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(EduEquityApplication.class)
                .properties("server.port=0", "spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.username(), "spring.datasource.password=" + db.password(),
                        "spring.jmx.enabled=false")
                .run()) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            assertThat(secondPort).isNotEqualTo(port);

            WebSession first = WebSession.loggedIn(port, "teacher2");
            String session = first.cookie("SESSION").orElseThrow();

            WebSession other = new WebSession(secondPort);
            other.setCookie("SESSION", session);
            HttpResponse<String> home = other.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("id=\"home-teacher\"").contains("ครูประเสริฐ");

            // logging out on the second instance ends the session on the first too
            assertThat(other.postWithToken("/logout", java.util.Map.of()).statusCode()).isEqualTo(302);
            assertThat(first.get("/").statusCode()).isEqualTo(302);
        }
    }
}
