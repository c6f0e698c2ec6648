package org.eduequity.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Classification;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.NationalId;
import org.eduequity.survey.ReturnedVisits;
import org.eduequity.survey.VisitResubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The committee's decisions on screened students: approve, reject (with a reason), return to the teacher (with a
 * reason), one by one or as a bulk approval of a filtered selection. Each decision stands or fails on its own and
 * is guarded by the student's review state: no approving a returned or not-poor student, no deciding the same
 * twice, no deciding on a stale list (the version and the result the reviewer saw), an override reason when the
 * visit is flagged or lacks its photos. The household's visit is locked while its students are decided, so two
 * reviewers cannot interleave on one household. Every decision is written to {@code review_decision} (who, when,
 * what, why, on which result) and to the audit log.
 */
@Service
public class Reviews {

    private final JdbcTemplate jdbc;
    private final CurrentArea area;
    private final ReturnedVisits returnedVisits;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;

    private final ReviewList list;

    Reviews(JdbcTemplate jdbc, CurrentArea area, ReturnedVisits returnedVisits, AuditLog audit, Clock clock,
            org.springframework.context.MessageSource messages, ReviewList list) {
        this.messages = messages;
        this.list = list;
        this.jdbc = jdbc;
        this.area = area;
        this.returnedVisits = returnedVisits;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One decision. {@code expectedVersion} and {@code expectedResultId} are what the reviewer's list showed (null
     * from the API: the state is then taken as it is, and only a repeated decision is refused).
     */
    public record Request(String nationalId, Decision decision, String reasonCode, String reason, String overrideReason,
                          Long expectedVersion, Long expectedResultId) {
    }

    /** What became of a decision: APPROVED, REJECTED, RETURNED or REFUSED with a message key and its arguments. */
    public record Outcome(String nationalId, String outcome, String detailKey, List<Object> detailArgs) {

        static Outcome done(String nationalId, ReviewStatus status) {
            return new Outcome(nationalId, status.name(), null, List.of());
        }

        static Outcome refused(String nationalId, String key, Object... args) {
            return new Outcome(nationalId, "REFUSED", key, List.of(args));
        }

        public boolean refused() {
            return "REFUSED".equals(outcome);
        }
    }

    /** The review state of a student as a decision finds it (the visit row locked). */
    private record State(long childId, String nationalId, long visitId, String visitStatus, String provinceCode, Long resultId,
                         String classification, boolean flagged, String status, long version) {
    }

    /** Decides on students of one province and term, in the order given; each decision stands or fails on its own. */
    @Transactional
    @PreAuthorize("hasRole('PROVINCE')")
    public List<Outcome> decide(String provinceCode, String term, List<Request> requests) {
        area.requireProvince(provinceCode);
        Map<String, State> states = lockAndRead(provinceCode, term, requests.stream().map(Request::nationalId).toList());
        AuditLog.Who who = audit.who();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Outcome> outcomes = new ArrayList<>();
        List<AuditLog.Action> audited = new ArrayList<>();
        for (Request r : requests) {
            Outcome o = decideOne(r, states, term, who, now);
            outcomes.add(o);
            if (!o.refused()) {
                State s = states.get(key(r.nationalId()));
                audited.add(new AuditLog.Action(AuditAction.UPDATE, "Review", s.childId() + "/" + term,
                        r.decision() + " " + (r.reason() == null ? "" : r.reason()) + (r.reasonCode() == null ? "" : " [" + r.reasonCode() + "]")
                                + (r.overrideReason() == null ? "" : " override: " + r.overrideReason())));
            }
        }
        audit.recordAll(audited);
        list.forgetCounts(provinceCode, term);
        return outcomes;
    }

    private Outcome decideOne(Request r, Map<String, State> states, String term, AuditLog.Who who, OffsetDateTime now) {
        String nid = r.nationalId();
        if (nid == null || !NationalId.isValid(nid)) {
            return Outcome.refused(nid, "review.refused.nationalId");
        }
        State s = states.get(key(nid));
        if (s == null) {
            return Outcome.refused(nid, "review.refused.notOnList");
        }
        if (r.decision() == null) {
            return Outcome.refused(nid, "review.refused.decision");
        }
        if (s.resultId() == null) {
            return Outcome.refused(nid, "review.refused.notScreened");
        }
        if ((r.expectedVersion() != null && r.expectedVersion() != s.version())
                || (r.expectedResultId() != null && !r.expectedResultId().equals(s.resultId()))) {
            return Outcome.refused(nid, "review.refused.stale");
        }
        if ("RETURNED".equals(s.status()) || "RETURNED".equals(s.visitStatus())) {
            return Outcome.refused(nid, "review.refused.returned");
        }
        if (r.decision().outcome().name().equals(s.status())) {
            return Outcome.refused(nid, "review.refused.already", r.decision().outcome().name());
        }
        ReviewReason code = ReviewReason.parse(r.reasonCode());
        String reason = trim(r.reason(), 500);
        String override = trim(r.overrideReason(), 500);
        if (r.reasonCode() != null && !r.reasonCode().isBlank()
                && (code == null || !ReviewReason.offeredFor(r.decision()).contains(code))) {
            return Outcome.refused(nid, "review.refused.reasonCode");
        }
        switch (r.decision()) {
            case APPROVE -> {
                if (!Classification.POOR.name().equals(s.classification()) && !Classification.EXTREMELY_POOR.name().equals(s.classification())) {
                    return Outcome.refused(nid, "review.refused.notPoor", s.classification());
                }
                if (s.flagged() && override == null) {
                    return Outcome.refused(nid, "review.refused.overrideNeeded");
                }
            }
            case REJECT, RETURN -> {
                if (reason == null && (code == null || code == ReviewReason.OTHER)) {
                    return Outcome.refused(nid, "review.refused.reasonNeeded");
                }
            }
        }
        if (r.decision() == Decision.RETURN) {
            if (!returnedVisits.returnToTeacher(s.visitId(), returnReason(code, reason))) {
                return Outcome.refused(nid, "review.refused.returned");
            }
            // the household goes back as a whole: every student of the visit is returned with the same reason
            List<State> household = states.values().stream().filter(x -> x.visitId() == s.visitId()).toList();
            for (State sibling : siblings(s, household, term)) {
                write(sibling, term, r.decision(), code, reason, null, who, now);
            }
        } else {
            write(s, term, r.decision(), code, reason, r.decision() == Decision.APPROVE ? override : null, who, now);
        }
        return Outcome.done(nid, r.decision().outcome());
    }

    /** The visit's students: those already read, and the others read now (their visit is locked already). */
    private List<State> siblings(State s, List<State> known, String term) {
        Map<Long, State> all = new HashMap<>();
        known.forEach(k -> all.put(k.childId(), k));
        jdbc.query(STATE_SQL + " WHERE vs.visit_id = ? AND vs.term = ?", rs -> {
            State x = state(rs);
            all.putIfAbsent(x.childId(), x);
        }, s.visitId(), term);
        return List.copyOf(all.values());
    }

    private void write(State s, String term, Decision decision, ReviewReason code, String reason, String override, AuditLog.Who who,
                       OffsetDateTime now) {
        int n = jdbc.update("""
                INSERT INTO review AS rv (child_id, term, visit_id, province_code, status, reason_code, reason_text, override_reason,
                                          result_id, classification, decided_by, decided_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (child_id, term) DO UPDATE SET visit_id = EXCLUDED.visit_id, status = EXCLUDED.status,
                    reason_code = EXCLUDED.reason_code, reason_text = EXCLUDED.reason_text, override_reason = EXCLUDED.override_reason,
                    result_id = EXCLUDED.result_id, classification = EXCLUDED.classification, decided_by = EXCLUDED.decided_by,
                    decided_at = EXCLUDED.decided_at, version = rv.version + 1
                WHERE rv.version = ?""",
                s.childId(), term, s.visitId(), s.provinceCode(), decision.outcome().name(), code == null ? null : code.name(), reason,
                override, s.resultId(), s.classification(), who.actor(), now, s.version());
        if (n != 1) {
            throw new IllegalStateException("review of child " + s.childId() + " changed under a locked visit");
        }
        jdbc.update("""
                INSERT INTO review_decision (child_id, term, visit_id, province_code, decision, result_id, classification, reason_code,
                                             reason_text, override_reason, decided_by, remote_addr, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.childId(), term, s.visitId(), s.provinceCode(), decision.name(), s.resultId(), s.classification(),
                code == null ? null : code.name(), reason, override, who.actor(), who.remoteAddr(), now);
    }

    private static final String STATE_SQL = """
            SELECT c.id AS child_id, c.national_id, v.id AS visit_id, v.status AS visit_status, v.province_code, sc.result_id,
                   sc.classification, %s AS flagged, COALESCE(rv.status, 'PENDING') AS status, COALESCE(rv.version, 0) AS version
            FROM visit_student vs JOIN child c ON c.id = vs.child_id
            JOIN home_visit v ON v.id = vs.visit_id
            LEFT JOIN screening_current sc ON sc.visit_id = v.id
            LEFT JOIN review rv ON rv.child_id = vs.child_id AND rv.term = vs.term""".formatted(ReviewList.FLAGGED);

    /** Locks the visits of these students in the province and term (in id order) and reads their review state. */
    private Map<String, State> lockAndRead(String provinceCode, String term, List<String> nationalIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String nid : nationalIds) {
            if (nid != null && NationalId.isValid(nid)) {
                ids.add(key(nid));
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] idArray = ids.toArray(String[]::new);
        jdbc.queryForList("""
                SELECT v.id FROM home_visit v WHERE v.id IN (
                  SELECT vs.visit_id FROM visit_student vs JOIN child c ON c.id = vs.child_id WHERE c.national_id = ANY (?) AND vs.term = ?)
                AND v.province_code = ? ORDER BY v.id FOR UPDATE""", Long.class, idArray, term, provinceCode);
        Map<String, State> states = new HashMap<>();
        jdbc.query(STATE_SQL + " WHERE c.national_id = ANY (?) AND vs.term = ? AND v.province_code = ?", rs -> {
            State s = state(rs);
            states.put(s.nationalId(), s);
        }, idArray, term, provinceCode);
        return states;
    }

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new State(rs.getLong("child_id"), rs.getString("national_id"), rs.getLong("visit_id"), rs.getString("visit_status"),
                rs.getString("province_code"), (Long) rs.getObject("result_id"), rs.getString("classification"), rs.getBoolean("flagged"),
                rs.getString("status"), rs.getLong("version"));
    }

    /** How many students a bulk approval of the filter would approve now, and how many of the selection it leaves (flagged). */
    public record BulkPreview(long approvable, long flaggedSkipped) {
    }

    /**
     * What a bulk approval of the filtered selection would do: the PENDING or REJECTED (the filter's status) poor and
     * extremely poor students without evidence flags and with their photos; flagged ones need an override each.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    public BulkPreview previewBulkApproval(ReviewList.Filter filter) {
        AreaScope scope = area.scope();
        List<Object> args = new ArrayList<>();
        String where = ReviewList.where(scope, filter.withClassification(null).withStatus(null), false, args);
        return jdbc.queryForObject("SELECT count(*) FILTER (WHERE NOT " + ReviewList.FLAGGED + "), count(*) FILTER (WHERE "
                + ReviewList.FLAGGED + ") " + BULK_FROM + where + bulkCondition(filter, args),
                (rs, i) -> new BulkPreview(rs.getLong(1), rs.getLong(2)), args.toArray());
    }

    private static final String BULK_FROM = """
             FROM screening_current r
            JOIN visit_student vs ON vs.visit_id = r.visit_id
            JOIN home_visit v ON v.id = r.visit_id
            LEFT JOIN review rv ON rv.child_id = vs.child_id AND rv.term = r.term
            LEFT JOIN household h ON h.id = v.household_id""";

    private static String bulkCondition(ReviewList.Filter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(" AND v.status = 'SUBMITTED' AND r.classification IN ('POOR', 'EXTREMELY_POOR')");
        if (filter.classification() != null) {
            sql.append(" AND r.classification = ?");
            args.add(filter.classification().name());
        }
        ReviewStatus status = filter.status() == ReviewStatus.REJECTED ? ReviewStatus.REJECTED : ReviewStatus.PENDING;
        sql.append(" AND COALESCE(rv.status, 'PENDING') = ?");
        args.add(status.name());
        return sql.toString();
    }

    /** The result of a bulk approval: how many were approved. */
    public record BulkResult(long approved) {
    }

    /**
     * Approves the filtered selection in one set-based statement, after checking that it is still the number the
     * reviewer confirmed (else {@link StaleSelectionException} with the number now). Flagged students are left
     * for an individual decision with an override reason.
     */
    @Transactional
    @PreAuthorize("hasRole('PROVINCE')")
    public BulkResult approveAll(ReviewList.Filter filter, long confirmedCount) {
        area.requireProvince(filter.provinceCode());
        AreaScope scope = area.scope();
        // one bulk approval at a time per province and term: the count confirmed is then the count approved
        org.eduequity.shared.AdvisoryLocks.exclusive(jdbc, new java.util.TreeSet<>(List.of(
                "review:" + filter.provinceCode() + ":" + filter.term())));
        List<Object> args = new ArrayList<>();
        String where = ReviewList.where(scope, filter.withClassification(null).withStatus(null), false, args);
        String condition = bulkCondition(filter, args) + " AND NOT " + ReviewList.FLAGGED;
        AuditLog.Who who = audit.who();
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(who.actor(), at, who.actor(), at));
        all.add(who.remoteAddr());
        long[] counted = jdbc.queryForObject("""
                WITH target AS (
                  SELECT vs.child_id, r.term, r.visit_id, r.province_code, r.result_id, r.classification, COALESCE(rv.version, 0) AS version
                  %s %s %s
                ), up AS (
                  INSERT INTO review AS rv (child_id, term, visit_id, province_code, status, result_id, classification, decided_by,
                                            decided_at, version)
                  SELECT child_id, term, visit_id, province_code, 'APPROVED', result_id, classification, ?, ?, 1 FROM target
                  ON CONFLICT (child_id, term) DO UPDATE SET status = 'APPROVED', reason_code = NULL, reason_text = NULL,
                      override_reason = NULL, visit_id = EXCLUDED.visit_id, result_id = EXCLUDED.result_id,
                      classification = EXCLUDED.classification, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
                      version = rv.version + 1
                  WHERE rv.status IN ('PENDING', 'REJECTED')
                  RETURNING child_id, term, visit_id, province_code, result_id, classification
                ), logged AS (
                  INSERT INTO review_decision (child_id, term, visit_id, province_code, decision, result_id, classification, decided_by,
                                               decided_at, remote_addr)
                  SELECT child_id, term, visit_id, province_code, 'APPROVE', result_id, classification, ?, ?, ? FROM up
                  RETURNING 1
                )
                SELECT (SELECT count(*) FROM target) AS selected, (SELECT count(*) FROM logged) AS approved"""
                .formatted(BULK_FROM, where, condition), (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, all.toArray());
        // the selection is counted in the same statement that approves it: another number than the confirmed one undoes it all
        if (counted[0] != confirmedCount) {
            throw new StaleSelectionException(confirmedCount, counted[0]);
        }
        long approved = counted[1];
        list.forgetCounts(filter.provinceCode(), filter.term());
        audit.record(AuditAction.UPDATE, "Review", filter.provinceCode() + "/" + filter.term(),
                "bulk approval of " + approved + " students (" + describe(filter) + ")");
        return new BulkResult(approved);
    }

    private static String describe(ReviewList.Filter f) {
        List<String> parts = new ArrayList<>();
        if (f.districtCode() != null) {
            parts.add("district " + f.districtCode());
        }
        if (f.subdistrictCode() != null) {
            parts.add("subdistrict " + f.subdistrictCode());
        }
        if (f.orgUnitCode() != null) {
            parts.add("unit " + f.orgUnitCode());
        }
        if (f.classification() != null) {
            parts.add(f.classification().name());
        }
        if (f.status() != null) {
            parts.add(f.status().name());
        }
        return parts.isEmpty() ? "whole list" : String.join(", ", parts);
    }

    /** The confirmed count of a bulk approval no longer matches the selection. */
    public static class StaleSelectionException extends RuntimeException {

        private final long confirmed;
        private final long now;

        StaleSelectionException(long confirmed, long now) {
            super("the selection has " + now + " students, " + confirmed + " were confirmed");
            this.confirmed = confirmed;
            this.now = now;
        }

        public long confirmed() {
            return confirmed;
        }

        public long now() {
            return now;
        }
    }

    /** A corrected visit was recorded again: its students are pending again (in the same transaction). */
    @EventListener
    void on(VisitResubmitted event) {
        if (event.childIds().isEmpty()) {
            return;
        }
        AuditLog.Who who = audit.who();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        list.forgetCounts("", event.term());
        jdbc.update("""
                WITH up AS (
                  UPDATE review SET status = 'PENDING', reason_code = NULL, reason_text = NULL, override_reason = NULL,
                                    result_id = NULL, classification = NULL, decided_by = NULL, decided_at = NULL, version = version + 1
                  WHERE term = ? AND child_id = ANY (?) AND status <> 'PENDING'
                  RETURNING child_id, term, visit_id, province_code
                )
                INSERT INTO review_decision (child_id, term, visit_id, province_code, decision, result_id, classification, decided_by,
                                             remote_addr, decided_at)
                SELECT up.child_id, up.term, up.visit_id, up.province_code, 'RESUBMITTED', sc.result_id, sc.classification, ?, ?, ?
                FROM up LEFT JOIN screening_current sc ON sc.visit_id = up.visit_id""",
                event.term(), event.childIds().toArray(Long[]::new), who.actor(), who.remoteAddr(), now);
    }

    /** The decisions about a student in a term, newest first (who, when, what, why). */
    public record DecisionEntry(String decision, String classification, String reasonCode, String reasonText, String overrideReason,
                                String decidedBy, OffsetDateTime decidedAt) {
    }

    @Transactional(readOnly = true)
    public List<DecisionEntry> history(long childId, String term) {
        return jdbc.query("""
                SELECT decision, classification, reason_code, reason_text, override_reason, decided_by, decided_at FROM review_decision
                WHERE child_id = ? AND term = ? ORDER BY id DESC""", (rs, i) -> new DecisionEntry(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)), childId, term);
    }

    /** The reason the teacher reads: the chosen reason's Thai label, then the reviewer's words. */
    private String returnReason(ReviewReason code, String reason) {
        String label = code == null || code == ReviewReason.OTHER ? null
                : messages.getMessage("review.reason." + code.name(), null, code.name(), java.util.Locale.forLanguageTag("th"));
        String text = label == null ? reason : reason == null ? label : label + ": " + reason;
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static String key(String nationalId) {
        return NationalId.of(nationalId).value();
    }

    private static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
