package org.eduequity.account;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Login attempts kept in the database, so the lockout holds whichever instance a request reaches: an
 * account is locked once it has {@code maxFailedLogins} failures within the window and since its last
 * successful login.
 */
@Component
class LoginAttempts {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecurityProperties properties;

    LoginAttempts(JdbcTemplate jdbc, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    void record(String username, boolean success, String remoteAddr) {
        jdbc.update("INSERT INTO login_attempt (username, at, success, remote_addr) VALUES (?, ?, ?, ?)",
                UserAccount.normalise(username), now(), success, remoteAddr);
    }

    boolean isLocked(String username) {
        return recentFailures(username) >= properties.maxFailedLogins();
    }

    int recentFailures(String username) {
        OffsetDateTime since = now().minus(properties.lockoutWindow());
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM login_attempt f
                WHERE f.username = ? AND NOT f.success AND f.at > ?
                  AND f.at > COALESCE((SELECT max(s.at) FROM login_attempt s WHERE s.username = f.username AND s.success),
                                      '-infinity'::timestamptz)""",
                Integer.class, UserAccount.normalise(username), since);
        return n == null ? 0 : n;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
