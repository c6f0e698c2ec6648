package org.eduequity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eduequity.EduEquityApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application under benchmark: a fresh embedded PostgreSQL 17 (zonky; fsync, synchronous_commit and
 * full_page_writes off, as in the tests) and the real application on it (profile {@code demo}, so the
 * {@code teacher} account of unit 1040010001 exists), listening on a random loopback port.
 */
final class BenchmarkApp implements AutoCloseable {

    static final String PASSWORD = "bench-Passw0rd-not-secret";
    static final String TEACHER_UNIT = "1040010001";

    final EmbeddedPostgres pg;
    final ConfigurableApplicationContext context;
    final int port;

    private BenchmarkApp(EmbeddedPostgres pg, ConfigurableApplicationContext context) {
        this.pg = pg;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static BenchmarkApp start() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        EmbeddedPostgres pg;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            List<String> libraries = new ArrayList<>();
            if (STATEMENTS) {
                // -Dbenchmark.statements=true: PostgreSQL's own time per statement (pg_stat_statements), for diagnosis
                libraries.add("pg_stat_statements");
                builder.setServerConfig("pg_stat_statements.track", "all");
            }
            if (EXPLAIN) {
                // -Dbenchmark.explain=true: every statement of 500 ms or more is logged with its plan, its timings and its
                // triggers' (foreign keys) into target/benchmark/pglog, for diagnosis
                libraries.add("auto_explain");
                builder.setServerConfig("auto_explain.log_min_duration", "500ms");
                builder.setServerConfig("auto_explain.log_analyze", "on");
                builder.setServerConfig("auto_explain.log_triggers", "on");
                builder.setServerConfig("auto_explain.log_nested_statements", "on");
                builder.setServerConfig("logging_collector", "on");
                builder.setServerConfig("log_directory", java.nio.file.Path.of("target", "benchmark", "pglog").toAbsolutePath().toString());
            }
            if (!libraries.isEmpty()) {
                builder.setServerConfig("shared_preload_libraries", String.join(",", libraries));
            }
            pg = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EduEquityApplication.class)
                .profiles("demo")
                .run(// command-line arguments: they override application.yml
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--eduequity.demo.password=" + PASSWORD,
                        "--eduequity.photos.dir=target/benchmark/photos",
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        return new BenchmarkApp(pg, context);
    }

    /** Whether PostgreSQL records its time per statement ({@code -Dbenchmark.statements=true}). */
    static final boolean STATEMENTS = Boolean.getBoolean("benchmark.statements");

    /** Whether PostgreSQL logs the plans of slow statements ({@code -Dbenchmark.explain=true}). */
    static final boolean EXPLAIN = Boolean.getBoolean("benchmark.explain");

    /** With {@link #STATEMENTS}: the statements that took PostgreSQL longest so far, printed, then the counters reset. */
    void printStatements(String title) throws SQLException {
        if (!STATEMENTS) {
            return;
        }
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            System.out.println("PostgreSQL time per statement, " + title + " (calls, total ms, rows, statement):");
            try (ResultSet rs = s.executeQuery("""
                    SELECT calls, round(total_exec_time) AS ms, rows, regexp_replace(left(query, 160), '\\s+', ' ', 'g')
                    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25""")) {
                while (rs.next()) {
                    System.out.printf(java.util.Locale.ROOT, "  %,9d %,9d ms %,10d  %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getString(4));
                }
            }
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    /** The subdistricts of a province, in code order (the generator's input must not depend on the run). */
    List<HouseholdGenerator.Place> places(String provinceCode) throws SQLException {
        List<HouseholdGenerator.Place> places = new ArrayList<>();
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, postcode, latitude, longitude FROM subdistrict WHERE province_code = '"
                     + provinceCode + "' ORDER BY code")) {
            while (rs.next()) {
                BigDecimal lat = rs.getBigDecimal(3);
                BigDecimal lon = rs.getBigDecimal(4);
                places.add(new HouseholdGenerator.Place(rs.getString(1), rs.getString(2), lat, lon));
            }
        }
        return places;
    }

    @Override
    public void close() throws IOException {
        context.close();
        pg.close();
    }
}
