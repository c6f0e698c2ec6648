package org.eduequity.survey;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eduequity.account.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visits returned to their teachers for correction by the provincial review: the return itself (called by the
 * review, in its transaction).
 */
@Service
public class ReturnedVisits {

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    ReturnedVisits(JdbcTemplate jdbc, CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Returns a submitted visit to its teacher with the reason. Returns false (and changes nothing) when the visit is
     * not SUBMITTED (a draft, or returned already).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean returnToTeacher(long visitId, String reason) {
        return jdbc.update("""
                UPDATE home_visit SET status = 'RETURNED', return_reason = ?, returned_at = ?, returned_by = ?,
                       version = version + 1, updated_at = ?
                WHERE id = ? AND status = 'SUBMITTED'""", reason, now(), currentUser.principal().map(p -> p.id()).orElse(null), now(),
                visitId) == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
