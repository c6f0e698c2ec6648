package org.eduequity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log can be appended to and read, never changed or emptied. */
@IntegrationTest
class AuditLogAppendOnlyTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsAndReadsBack() {
        audit.record("tester", AuditAction.UPDATE, "Thing", 42, "changed colour");
        List<AuditLog.AuditEntry> entries = audit.latest("tester", "Thing", 5);
        assertThat(entries).first().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(e.entityId()).isEqualTo("42");
            assertThat(e.detail()).isEqualTo("changed colour");
        });
    }

    @Test
    void refusesUpdatesDeletesAndTruncation() {
        audit.record("tester", AuditAction.CREATE, "Thing", 1, null);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET actor = 'someone else' WHERE actor = 'tester'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE actor = 'tester'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE actor = 'tester'", Integer.class)).isPositive();
    }

    @Test
    void demoDataCreationWasAudited() {
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'CREATE' AND entity_type = 'OrgUnit' AND actor = 'demo-data'",
                Integer.class)).isGreaterThanOrEqualTo(9);
    }
}
