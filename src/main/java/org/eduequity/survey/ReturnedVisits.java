package org.eduequity.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.SurveyRejectedException.Reason;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visits returned to their teachers for correction by the provincial review: the return itself (called by the
 * review, in its transaction), the teachers' inbox of returned visits, the corrected visit submitted again
 * ({@link #resubmit}), and the review outcome of children as teachers see it.
 *
 * <p>A resubmitted visit keeps its id, household and students; the answers it had are kept in
 * {@code home_visit_revision}. Its return fields ({@code return_reason}, {@code returned_at}, {@code returned_by})
 * are kept as the record of the latest return (the status says whether it is returned now): a visit is returned
 * exactly when its status is RETURNED.
 */
@Service
public class ReturnedVisits {

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final HomeVisitStore store;
    private final SurveyValidator validator;
    private final VisitPhotos photos;
    private final Screening screening;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ObjectProvider<ReviewOutcomes> reviewOutcomes;

    ReturnedVisits(JdbcTemplate jdbc, CurrentUser currentUser, Clock clock, HomeVisitStore store, SurveyValidator validator,
                   VisitPhotos photos, Screening screening, AuditLog audit, ApplicationEventPublisher events, JsonMapper json,
                   ObjectProvider<ReviewOutcomes> reviewOutcomes) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
        this.store = store;
        this.validator = validator;
        this.photos = photos;
        this.screening = screening;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.reviewOutcomes = reviewOutcomes;
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

    /** A student of a returned visit, as the inbox shows it. */
    public record Student(long childId, String name, String maskedNationalId) {
    }

    /** A returned visit in a teacher's inbox: why, when and by whom it was returned, and its students. */
    public record Returned(long visitId, String term, java.time.LocalDate visitedOn, long orgUnitId, String orgUnitName,
                           String reason, Instant returnedAt, String returnedBy, List<Student> students) {
    }

    /** The returned visits of the caller's area (a teacher: their units), the longest returned first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public List<Returned> inbox() {
        AreaScope.SqlPredicate scope = currentUser.scope().sql("v.province_code", "v.org_unit_id");
        Map<Long, List<Student>> students = new HashMap<>();
        List<Returned> visits = new ArrayList<>();
        jdbc.query("""
                SELECT v.id, v.term, v.visited_on, v.org_unit_id, u.name_th, v.return_reason, v.returned_at, a.display_name
                FROM home_visit v JOIN org_unit u ON u.id = v.org_unit_id LEFT JOIN user_account a ON a.id = v.returned_by
                WHERE v.status = 'RETURNED' AND\s""" + scope.sql() + " ORDER BY v.returned_at, v.id LIMIT 500", rs -> {
            long id = rs.getLong(1);
            List<Student> list = new ArrayList<>();
            students.put(id, list);
            OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
            visits.add(new Returned(id, rs.getString(2), rs.getDate(3).toLocalDate(), rs.getLong(4), rs.getString(5), rs.getString(6),
                    at == null ? null : at.toInstant(), rs.getString(8), list));
        }, scope.args().toArray());
        if (!visits.isEmpty()) {
            jdbc.query("""
                    SELECT vs.visit_id, c.id, c.national_id, coalesce(c.title || ' ', '') || c.first_name || ' ' || c.last_name
                    FROM visit_student vs JOIN child c ON c.id = vs.child_id WHERE vs.visit_id = ANY (?) ORDER BY c.first_name, c.id""",
                    rs -> {
                        students.get(rs.getLong(1)).add(new Student(rs.getLong(2), rs.getString(4), NationalId.of(rs.getString(3)).masked()));
                    }, (Object) students.keySet().toArray(Long[]::new));
        }
        return visits;
    }

    /** How many visits of the caller's area are returned and waiting for correction. */
    @Transactional(readOnly = true)
    public long count() {
        AreaScope.SqlPredicate scope = currentUser.scope().sql("province_code", "org_unit_id");
        Long n = jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE status = 'RETURNED' AND " + scope.sql(), Long.class,
                scope.args().toArray());
        return n == null ? 0 : n;
    }

    /** Why a visit was returned, when and by whom: present while the visit is RETURNED. */
    public record ReturnNote(String reason, Instant returnedAt, String returnedBy) {
    }

    /** The return note of a visit that is returned now; empty too when the visit is outside the caller's area. */
    @Transactional(readOnly = true)
    public Optional<ReturnNote> note(long visitId) {
        AreaScope area = currentUser.scope();
        AreaScope.SqlPredicate scope = area.sql("v.province_code", "v.org_unit_id");
        List<Object> args = new ArrayList<>();
        args.add(visitId);
        args.addAll(scope.args());
        args.add(area.findingSubdistricts().toArray(String[]::new));
        return jdbc.query("""
                SELECT v.return_reason, v.returned_at, a.display_name FROM home_visit v LEFT JOIN user_account a ON a.id = v.returned_by
                WHERE v.id = ? AND v.status = 'RETURNED' AND\s""" + "(" + scope.sql() + " OR " + HomeVisitStore.foundVisit("v.id") + ")",
                (rs, i) -> {
            OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
            return new ReturnNote(rs.getString(1), at == null ? null : at.toInstant(), rs.getString(3));
        }, args.toArray()).stream().findFirst();
    }

    /**
     * Each child's review outcome in a term: the review module's ({@link ReviewOutcomes}) when it is present, and a
     * returned visit (status RETURNED, with its reason) from the visit itself in any case. Children without either
     * are absent. The caller has scoped the children.
     */
    @Transactional(readOnly = true)
    public Map<Long, ReviewOutcomes.Outcome> outcomes(Collection<Long> childIds, String term) {
        Map<Long, ReviewOutcomes.Outcome> outcomes = new HashMap<>();
        if (childIds.isEmpty()) {
            return outcomes;
        }
        ReviewOutcomes review = reviewOutcomes.getIfAvailable();
        if (review != null) {
            outcomes.putAll(review.of(childIds, term));
        }
        jdbc.query("""
                SELECT vs.child_id, v.return_reason FROM visit_student vs JOIN home_visit v ON v.id = vs.visit_id
                WHERE vs.term = ? AND vs.child_id = ANY (?) AND v.status = 'RETURNED'""", rs -> {
            outcomes.put(rs.getLong(1), new ReviewOutcomes.Outcome("RETURNED", rs.getString(2)));
        }, term, childIds.toArray(Long[]::new));
        return outcomes;
    }

    /**
     * Records a corrected, returned visit again: validated like a new survey (and complete), its students unchanged,
     * the answers it had kept as a revision and replaced in place, SUBMITTED again, its evidence flags recomputed and
     * screened anew (cause RESUBMITTED); publishes {@link VisitResubmitted}. A visit that is not returned (resubmitted
     * already, by a double click or a retry) is a conflict and nothing is recorded again.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public SurveyReceipt resubmit(long visitId, SurveyDocument corrected) {
        return resubmit(visitId, null, corrected);
    }

    /**
     * As {@link #resubmit(long, SurveyDocument)}, refused with an optimistic-locking failure when the visit's version is
     * no longer {@code expectedVersion} (someone changed it in between).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public SurveyReceipt resubmit(long visitId, Long expectedVersion, SurveyDocument corrected) {
        store.lockFor(corrected);
        HomeVisitStore.LockedVisit v = store.lockVisit(visitId).orElseThrow(() -> new NotFoundException("visit " + visitId));
        if (!store.visible(currentUser.scope(), visitId, v.orgUnitId(), v.provinceCode())) {
            throw new SurveyRejectedException(Reason.FORBIDDEN, List.of(FieldProblem.of("", "survey.error.notYourUnit")));
        }
        if (expectedVersion != null && expectedVersion != v.version()) {
            throw new ObjectOptimisticLockingFailureException("HomeVisit", visitId);
        }
        if (!"RETURNED".equals(v.status())) {
            throw new SurveyRejectedException(Reason.CONFLICT, List.of(FieldProblem.of("", "survey.error.notReturned")));
        }
        SurveyDocument before = store.document(visitId).orElseThrow();
        List<FieldProblem> problems = new ArrayList<>(validator.check(corrected));
        problems.addAll(validator.checkComplete(corrected));
        if (corrected.term() != null && !corrected.term().trim().equals(v.term())) {
            problems.add(FieldProblem.of("term", "survey.error.cannotChange"));
        }
        if (corrected.orgUnitCode() != null && !corrected.orgUnitCode().trim().equals(before.orgUnitCode())) {
            problems.add(FieldProblem.of("orgUnitCode", "survey.error.cannotChange"));
        }
        if (!problems.isEmpty()) {
            throw new SurveyRejectedException(Reason.INVALID, problems);
        }
        // the same students: each keeps its child record and its place in visit_student
        Map<String, Long> studentIds = new HashMap<>();
        store.students(visitId).forEach(s -> studentIds.put(s.nationalId(), s.childId()));
        Set<String> given = new TreeSet<>();
        List<Long> memberChildIds = new ArrayList<>();
        for (SurveyDocument.Member m : corrected.members()) {
            if ("STUDENT".equals(m.relationship())) {
                String id = NationalId.of(m.nationalId()).value();
                given.add(id);
                memberChildIds.add(studentIds.get(id));
            } else {
                memberChildIds.add(null);
            }
        }
        if (!given.equals(new TreeSet<>(studentIds.keySet()))) {
            throw new SurveyRejectedException(Reason.INVALID, List.of(FieldProblem.of("members", "survey.error.studentsChanged")));
        }
        Instant now = Instant.now(clock);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Long by = currentUser.principal().map(p -> p.id()).orElse(null);
        Long revisionId = jdbc.queryForObject("""
                INSERT INTO home_visit_revision (visit_id, document, evidence_flags, submitted_at, replaced_at, replaced_by)
                VALUES (?, ?::jsonb, ?::varchar[], ?, ?, ?) RETURNING id""", Long.class, visitId, json.writeValueAsString(before),
                v.evidenceFlags().toArray(String[]::new), v.submittedAt(), at, by);
        if (!store.replace(visitId, v.version(), corrected, "SUBMITTED", memberChildIds, v.evidenceFlags(), now)) {
            throw new ObjectOptimisticLockingFailureException("HomeVisit", visitId);
        }
        List<String> flags = photos.refreshEvidence(visitId).stream().map(Enum::name).toList();
        screening.screenVisits(List.of(visitId), ScreeningResult.Cause.RESUBMITTED);
        List<Long> childIds = new ArrayList<>(new TreeSet<>(studentIds.values()));
        events.publishEvent(new VisitResubmitted(visitId, v.term(), List.copyOf(childIds)));
        audit.record(AuditAction.UPDATE, "HomeVisit", visitId, "resubmitted after return; earlier answers in revision " + revisionId);
        return new SurveyReceipt(visitId, before.externalId(), v.term(), "SUBMITTED", store.students(visitId), flags, true);
    }

    /** The receipt of a recorded visit (the caller has checked it may see it). */
    SurveyReceipt receipt(long visitId) {
        HomeVisitStore.LockedVisit v = store.header(visitId).orElseThrow(() -> new NotFoundException("visit " + visitId));
        SurveyDocument d = store.document(visitId).orElseThrow();
        return new SurveyReceipt(visitId, d.externalId(), v.term(), v.status(), store.students(visitId), v.evidenceFlags(), false);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
