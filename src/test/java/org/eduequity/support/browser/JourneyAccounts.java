package org.eduequity.support.browser;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throwaway accounts for journeys that would spoil a shared demo account (wrong passwords, lockout):
 * written straight to the database, as there is no account screen to create them through yet. Build it
 * from the application's beans: {@code new JourneyAccounts(jdbc, passwordEncoder, tx)}.
 */
public class JourneyAccounts {

    /** Chum Phae Phatthana School (demo), the unit of demo account teacher2. */
    static final String DEMO_SCHOOL = "1040050002";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;

    public JourneyAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.tx = tx;
    }

    /** A new teacher of the demo school, with a unique username starting with {@code prefix}; returns it. */
    public String createTeacher(String prefix, String password) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        tx.executeWithoutResult(s -> {
            Long id = jdbc.queryForObject("""
                    INSERT INTO user_account (username, display_name, password_hash) VALUES (?, ?, ?) RETURNING id""",
                    Long.class, username, "ครูทดสอบ " + username, encoder.encode(password));
            jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'TEACHER')", id);
            jdbc.update("INSERT INTO user_org_unit (user_id, org_unit_id) SELECT ?, id FROM org_unit WHERE code = ?",
                    id, DEMO_SCHOOL);
        });
        return username;
    }
}
