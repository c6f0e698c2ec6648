package org.eduequity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production configuration: the application on a plain, empty PostgreSQL named by
 * {@code spring.datasource.*} (as {@code SPRING_DATASOURCE_URL/USERNAME/PASSWORD}), without demo data, gets
 * its first administrator from {@code EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD} and nothing else.
 */
class ProductionModeTests {

    @Test
    void startsOnAnEmptyDatabaseWithOnlyTheFirstAdministrator() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = start(url, "first admin passphrase")) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit", Integer.class)).isZero();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM province", Integer.class)).isEqualTo(77);
                assertThat(jdbc.queryForList("SELECT username FROM user_account", String.class)).containsExactly("admin");

                HttpResponse<String> me = WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "admin", "first admin passphrase").build());
                assertThat(me.statusCode()).isEqualTo(200);
                assertThat(me.body()).contains("\"roles\":[\"ADMIN\"]");
            }
            // a later start with another bootstrap password leaves the existing administrator alone
            try (ConfigurableApplicationContext app = start(url, "another passphrase here")) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                assertThat(WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "admin", "first admin passphrase").build())
                        .statusCode()).isEqualTo(200);
                assertThat(WebSession.sendApi(WebSession.basic(port, "/api/v1/me", "admin", "another passphrase here").build())
                        .statusCode()).isEqualTo(401);
            }
        }
    }

    private static ConfigurableApplicationContext start(String url, String adminPassword) {
        return new SpringApplicationBuilder(EduEquityApplication.class)
                .properties("server.port=0", "spring.datasource.url=" + url, "spring.datasource.username=postgres",
                        "spring.datasource.password=postgres", "spring.jmx.enabled=false",
                        "eduequity.bootstrap.admin-password=" + adminPassword)
                .run();
    }
}
