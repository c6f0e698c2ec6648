package org.eduequity.studentcare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The nightly re-evaluation (ADR 0009): every province's risk and warnings of today's term, one province per
 * transaction. Only one run at a time across every instance of the application: a run holds a session-level
 * PostgreSQL advisory lock ({@code pg_try_advisory_lock}) on its own connection for its whole length, and a run that
 * finds it taken skips and logs.
 */
@Service
public class NightlyCareRun {

    private static final Logger log = LoggerFactory.getLogger(NightlyCareRun.class);
    /** The lock's key, as {@code hashtextextended} of this text. */
    static final String LOCK = "care:nightly";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final RiskEvaluation evaluation;
    private final Clock clock;

    NightlyCareRun(DataSource dataSource, JdbcTemplate jdbc, RiskEvaluation evaluation, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    /** What a run did: whether it ran (or skipped because another held the lock), the term and the provinces evaluated. */
    public record Outcome(boolean ran, String term, List<RiskEvaluation.ProvinceRun> provinces) {
    }

    /** Runs today's term. */
    public Outcome run() {
        return run(Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString(), null);
    }

    /** Runs a term, for every province with students or only one (tests, the benchmark). */
    public Outcome run(String term, String onlyProvince) {
        try (Connection lock = dataSource.getConnection()) {
            if (!lock.getAutoCommit()) {
                lock.setAutoCommit(true);
            }
            if (!call(lock, "SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                log.info("Nightly care run of {} skipped: another run holds the lock", term);
                return new Outcome(false, term, List.of());
            }
            try {
                List<String> provinces = onlyProvince != null ? List.of(onlyProvince)
                        : jdbc.queryForList("SELECT DISTINCT province_code FROM child ORDER BY province_code", String.class);
                List<RiskEvaluation.ProvinceRun> runs = new ArrayList<>();
                for (String p : provinces) {
                    runs.add(evaluation.evaluateProvince(term, p)); // its own transaction
                }
                log.info("Nightly care run of {}: {} provinces evaluated", term, runs.size());
                return new Outcome(true, term, runs);
            } finally {
                call(lock, "SELECT pg_advisory_unlock(hashtextextended(?, 0))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("nightly care run: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
