package org.eduequity.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one test configuration that supplies PostgreSQL: a Testcontainers PostgreSQL 17 where a Docker
 * daemon answers, otherwise the embedded PostgreSQL 17 binaries of zonky. Either way a real server; the
 * Spring test context that imports this is cached and reused by every integration test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    /** Started once per JVM, shared by every cached context. */
    private static volatile DatabaseServer server;

    @Bean
    DataSource dataSource() {
        DatabaseServer db = server();
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl());
        ds.setUsername(db.username());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(10);
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        ds.setPoolName("eduequity-test");
        return ds;
    }

    /** A second, independent pool on the same database, e.g. for a second application instance. */
    public static DatabaseServer server() {
        if (server == null) {
            synchronized (PostgresTestConfiguration.class) {
                if (server == null) {
                    server = start();
                }
            }
        }
        return server;
    }

    private static DatabaseServer start() {
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new DatabaseServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return new DatabaseServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public record DatabaseServer(String jdbcUrl, String username, String password) {
    }
}
