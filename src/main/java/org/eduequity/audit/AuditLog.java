package org.eduequity.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes and reads the append-only audit log. Entries join the caller's transaction, so an audited change
 * and its entry are committed or rolled back together; the table refuses updates and deletes.
 */
@Service
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an action of the current user on a record. */
    public void record(AuditAction action, String entityType, Object entityId, String detail) {
        record(currentActor(), action, entityType, entityId, detail);
    }

    /** Records an action of a named actor (e.g. a login attempt before anyone is authenticated). */
    public void record(String actor, AuditAction action, String entityType, Object entityId, String detail) {
        jdbc.update("""
                INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, remote_addr)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC), truncate(actor, 100), action.name(), entityType,
                entityId == null ? null : truncate(entityId.toString(), 60), detail, remoteAddress());
    }

    /** One action to record with {@link #recordAll(List)}. */
    public record Action(AuditAction action, String entityType, Object entityId, String detail) {
    }

    /**
     * Records several actions of the current user in one batch (e.g. the records one survey creates), in list
     * order; the same entries as one {@link #record(AuditAction, String, Object, String)} call each.
     */
    public void recordAll(List<Action> actions) {
        if (actions.isEmpty()) {
            return;
        }
        String actor = truncate(currentActor(), 100);
        String remoteAddr = remoteAddress();
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        org.eduequity.shared.BulkInsert.insert(jdbc, "audit_log", List.of("at:timestamptz", "actor:varchar", "action:varchar",
                "entity_type:varchar", "entity_id:varchar", "detail:text", "remote_addr:varchar"),
                actions.stream().map(a -> new Object[] {at, actor, a.action().name(), a.entityType(),
                        a.entityId() == null ? null : truncate(a.entityId().toString(), 60), a.detail(), remoteAddr}).toList());
    }

    /** The newest entries, optionally only those of one actor or one record type. */
    public List<AuditEntry> latest(String actor, String entityType, int limit) {
        return jdbc.query("""
                SELECT id, at, actor, action, entity_type, entity_id, detail, remote_addr FROM audit_log
                WHERE (CAST(? AS TEXT) IS NULL OR actor = ?) AND (CAST(? AS TEXT) IS NULL OR entity_type = ?)
                ORDER BY at DESC, id DESC LIMIT ?""",
                (rs, i) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), AuditAction.valueOf(rs.getString("action")), rs.getString("entity_type"),
                        rs.getString("entity_id"), rs.getString("detail"), rs.getString("remote_addr")),
                actor, actor, entityType, entityType, limit);
    }

    /**
     * The actor and address an entry written set-based in SQL should carry (e.g. one row per imported
     * record, inserted by the same statement that writes the records).
     */
    public Who who() {
        return new Who(truncate(currentActor(), 100), remoteAddress());
    }

    /** Who acts, from where. */
    public record Who(String actor, String remoteAddr) {
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return truncate(request.getRemoteAddr(), 64);
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** One entry of the audit log. */
    public record AuditEntry(long id, Instant at, String actor, AuditAction action, String entityType, String entityId,
                             String detail, String remoteAddr) {
    }
}
