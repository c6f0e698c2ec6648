package org.eduequity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * PostgreSQL for the try-it run: the embedded PostgreSQL 17 server with its cluster in a fixed,
 * git-ignored folder so that demo data and entered data survive restarts. Unlike in tests, durability is
 * on (fsync, synchronous commit): what a user enters here must survive a crash.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgresConfiguration.class);

    static final Path DATA_DIR = Path.of(System.getProperty("eduequity.local-db.dir", ".data/postgres"));

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() {
        try {
            Files.createDirectories(DATA_DIR);
            stopOrphanedServer(DATA_DIR);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(DATA_DIR)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL 17 on port {} with data in {}", pg.getPort(), DATA_DIR.toAbsolutePath());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start with data in " + DATA_DIR.toAbsolutePath(), e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(10);
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        ds.setPoolName("eduequity-local");
        return ds;
    }

    /**
     * After a {@code kill -9} of the application its PostgreSQL server lives on and holds the folder. Stop
     * it (it belongs to an application that is gone) so that this start can take the folder over, and remove
     * a pid file that no running process owns.
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isPresent() && process.get().isAlive() && isPostgres(process.get())) {
            log.warn("A PostgreSQL server (pid {}) left by an earlier run still holds {}; stopping it", process.get().pid(), dataDir);
            process.get().destroy(); // SIGTERM: smart shutdown
            try {
                process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
