package org.eduequity.survey;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.SurveyRejectedException.Reason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The teachers' home-visit form: one draft per child and term, saved at any time (only what is present is
 * checked), photos attached to it, and submitted once complete — which records the visit through
 * {@link Surveys} under the draft's own external id, so a double-clicked submit records one visit.
 * Concurrent edits are detected by the draft's version.
 */
@Service
public class VisitDrafts {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final SurveyValidator validator;
    private final Surveys surveys;
    private final VisitPhotos photos;
    private final ChildRepository children;
    private final OrgUnits orgUnits;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final ReturnedVisits returned;
    private final HomeVisitStore store;

    VisitDrafts(JdbcTemplate jdbc, JsonMapper json, SurveyValidator validator, Surveys surveys, VisitPhotos photos,
                ChildRepository children, OrgUnits orgUnits, CurrentUser currentUser, AuditLog audit, Clock clock,
                ReturnedVisits returned, HomeVisitStore store) {
        this.returned = returned;
        this.store = store;
        this.jdbc = jdbc;
        this.json = json;
        this.validator = validator;
        this.surveys = surveys;
        this.photos = photos;
        this.children = children;
        this.orgUnits = orgUnits;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** A draft as the form shows it. */
    public record Draft(long id, UUID externalId, long childId, String term, long orgUnitId, SurveyDocument document,
                        long version, String status, Long visitId) {

        public boolean submitted() {
            return "SUBMITTED".equals(status);
        }

        /** An open draft of a visit already recorded: the correction of a returned visit, submitted again on submit. */
        public boolean correction() {
            return !submitted() && visitId != null;
        }
    }

    /**
     * Opens the draft that corrects a returned visit, holding the visit's answers as they are stored (and, through
     * the visit, its photos): the draft that submitted the visit is reopened, or a draft of one of its students is
     * taken over, or one is created (a visit received through the API has no draft). Refused (a conflict) when the
     * visit is not returned.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public Draft openCorrection(long visitId) {
        HomeVisitStore.LockedVisit v = store.lockVisit(visitId).orElseThrow(() -> new NotFoundException("visit " + visitId));
        if (!surveys.visitVisible(currentUser.scope(), visitId, v.orgUnitId(), v.provinceCode())) {
            throw new AccessDeniedException("visit outside the caller's area");
        }
        if (!"RETURNED".equals(v.status())) {
            throw new SurveyRejectedException(Reason.CONFLICT, List.of(FieldProblem.of("", "survey.error.notReturned")));
        }
        SurveyDocument stored = store.document(visitId).orElseThrow();
        Long by = currentUser.principal().map(p -> p.id()).orElse(null);
        OffsetDateTime now = now();
        Optional<Draft> own = find("visit_id = ? ORDER BY id LIMIT 1", visitId);
        if (own.isEmpty()) {
            List<Long> childIds = store.students(visitId).stream().map(SurveyReceipt.Student::childId).sorted().toList();
            own = childIds.isEmpty() ? Optional.empty()
                    : find("child_id = ANY (?) AND term = ? ORDER BY id LIMIT 1", childIds.toArray(Long[]::new), v.term());
            if (own.isEmpty()) {
                UUID externalId = stored.externalId() != null && find("external_id = ?", stored.externalId()).isEmpty()
                        ? stored.externalId() : UUID.randomUUID();
                long id = jdbc.queryForObject("""
                        INSERT INTO visit_draft (external_id, child_id, term, org_unit_id, province_code, document, status, visit_id,
                                                 created_by, updated_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, 'OPEN', ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                        externalId, childIds.get(0), v.term(), v.orgUnitId(), v.provinceCode(), json.writeValueAsString(withId(stored, externalId)),
                        visitId, by, by, now, now);
                audit.record(AuditAction.CREATE, "VisitDraft", id, "correction of returned visit " + visitId);
                return get(id);
            }
        }
        Draft d = own.get();
        jdbc.update("""
                UPDATE visit_draft SET status = 'OPEN', visit_id = ?, document = ?::jsonb, version = version + 1, updated_by = ?,
                       updated_at = ?
                WHERE id = ?""", visitId, json.writeValueAsString(withId(stored, d.externalId())), by, now, d.id());
        audit.record(AuditAction.UPDATE, "VisitDraft", d.id(), "reopened to correct returned visit " + visitId);
        return get(d.id());
    }

    private static SurveyDocument withId(SurveyDocument d, UUID externalId) {
        return new SurveyDocument(externalId, d.term(), d.visitedOn(), d.orgUnitCode(), d.address(), d.location(), d.singleParent(),
                d.members(), d.housing(), d.farmland(), d.drinkingWater(), d.electricity(), d.vehicles(), d.appliances(), d.consent(),
                d.journeyToSchool(), d.incomeCertifiedBy());
    }

    /** Why the draft's visit was returned, while it is returned (the form shows it at the top). */
    @Transactional(readOnly = true)
    public Optional<ReturnedVisits.ReturnNote> returnNote(Draft d) {
        return d.visitId() == null ? Optional.empty() : returned.note(d.visitId());
    }

    /** The child's draft for the term, or a new one holding the child as the household's student. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public Draft open(long childId, Term term) {
        Child child = children.findById(childId).orElseThrow(() -> new NotFoundException("child " + childId));
        if (!child.visibleIn(currentUser.scope())) {
            throw new AccessDeniedException("child outside the caller's area");
        }
        Optional<Draft> existing = find("child_id = ? AND term = ?", childId, term.toString());
        if (existing.isPresent()) {
            return existing.get();
        }
        OrgUnit unit = orgUnits.byId(child.getOrgUnitId()).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        SurveyDocument.Member student = new SurveyDocument.Member("STUDENT", child.getNationalId().value(),
                (child.getTitle() == null ? "" : child.getTitle() + " ") + child.getFirstName(), child.getLastName(),
                child.getBirthDate().toString(), null, child.getSex() == Sex.FEMALE ? "F" : "M", child.getGradeLevel(), null, null,
                null, true, null, new SurveyDocument.Income(null, null, null, null, null));
        UUID externalId = UUID.randomUUID();
        SurveyDocument doc = new SurveyDocument(externalId, term.toString(), term.contains(today) ? today.toString() : null,
                unit.getCode(), new SurveyDocument.Address(null, null, unit.getSubdistrictCode(), null), null, null,
                List.of(student), null, null, null, null, null, null, null, null, null);
        Long by = currentUser.principal().map(p -> p.id()).orElse(null);
        OffsetDateTime now = now();
        List<Long> ids = jdbc.queryForList("""
                INSERT INTO visit_draft (external_id, child_id, term, org_unit_id, province_code, document, created_by, updated_by,
                                         created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (child_id, term) DO NOTHING RETURNING id""", Long.class,
                externalId, childId, term.toString(), unit.getId(), unit.getProvinceCode(), json.writeValueAsString(doc), by, by, now, now);
        if (!ids.isEmpty()) {
            audit.record(AuditAction.CREATE, "VisitDraft", ids.get(0), "child " + childId + " term " + term);
        }
        return find("child_id = ? AND term = ?", childId, term.toString()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Draft get(long draftId) {
        Draft d = find("id = ?", draftId).orElseThrow(() -> new NotFoundException("draft " + draftId));
        requireVisible(d);
        return d;
    }

    /**
     * Saves the form as it is. Fields that are present must be well-formed (each problem names its field);
     * missing ones may be filled in later. A stale version means someone else saved in between.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public Draft save(long draftId, long expectedVersion, SurveyDocument form) {
        Draft d = get(draftId);
        if (d.submitted()) {
            throw new SurveyRejectedException(Reason.CONFLICT, List.of(FieldProblem.of("", "survey.error.draftSubmitted")));
        }
        SurveyDocument doc = fixed(d, form);
        List<FieldProblem> problems = validator.checkDraft(doc);
        if (!problems.isEmpty()) {
            throw new SurveyRejectedException(Reason.INVALID, problems);
        }
        int updated = jdbc.update("""
                UPDATE visit_draft SET document = ?::jsonb, version = version + 1, updated_by = ?, updated_at = ?
                WHERE id = ? AND version = ? AND status = 'OPEN'""",
                json.writeValueAsString(doc), currentUser.principal().map(p -> p.id()).orElse(null), now(), draftId, expectedVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("VisitDraft", draftId);
        }
        audit.record(AuditAction.UPDATE, "VisitDraft", draftId, null);
        return get(draftId);
    }

    /** Everything that still stops the draft from being submitted (empty when it can be). */
    @Transactional(readOnly = true)
    public List<FieldProblem> missing(Draft d) {
        List<FieldProblem> problems = new ArrayList<>(validator.check(d.document()));
        problems.addAll(validator.checkComplete(d.document()));
        Set<PhotoKind> kinds = EnumSet.noneOf(PhotoKind.class);
        photos.ofDraft(d.id()).forEach(p -> kinds.add(p.kind()));
        boolean housePhotos = kinds.contains(PhotoKind.EXTERIOR) && kinds.contains(PhotoKind.INTERIOR);
        if (!housePhotos && !kinds.contains(PhotoKind.STUDENT_WITH_SCHOOL_SIGN)) {
            problems.add(FieldProblem.of("photos", "survey.error.photosRequired"));
        }
        return problems;
    }

    /**
     * Submits a complete draft: the visit is recorded and the draft's photos move to it. Submitting a draft
     * that was already submitted (a double click, a retry) returns the same visit.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public SurveyReceipt submit(long draftId, long expectedVersion) {
        Draft d = get(draftId);
        if (d.submitted()) {
            return d.visitId() != null ? returned.receipt(d.visitId()) : surveys.byExternalId(d.externalId()).orElseThrow();
        }
        if (d.version() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException("VisitDraft", draftId);
        }
        List<FieldProblem> problems = missing(d);
        if (!problems.isEmpty()) {
            throw new SurveyRejectedException(Reason.INVALID, problems);
        }
        if (d.correction()) {
            // the correction of a returned visit: its new photos join the visit (a file it has already counts once)
            jdbc.update("""
                    UPDATE visit_photo p SET visit_id = ? WHERE draft_id = ? AND visit_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM visit_photo o WHERE o.visit_id = ? AND o.sha256 = p.sha256)""",
                    d.visitId(), draftId, d.visitId());
            SurveyReceipt receipt = returned.resubmit(d.visitId(), d.document());
            int updated = jdbc.update("""
                    UPDATE visit_draft SET status = 'SUBMITTED', version = version + 1, updated_at = ? WHERE id = ? AND version = ?""",
                    now(), draftId, expectedVersion);
            if (updated == 0) {
                throw new ObjectOptimisticLockingFailureException("VisitDraft", draftId);
            }
            return receipt;
        }
        SurveyReceipt receipt = surveys.submit(d.document());
        jdbc.update("UPDATE visit_photo SET visit_id = ? WHERE draft_id = ?", receipt.id(), draftId);
        jdbc.update("UPDATE visit_draft SET status = 'SUBMITTED', visit_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
                receipt.id(), now(), draftId);
        List<String> flags = photos.refreshEvidence(receipt.id()).stream().map(Enum::name).toList();
        return new SurveyReceipt(receipt.id(), receipt.externalId(), receipt.term(), receipt.status(), receipt.students(), flags,
                receipt.created());
    }

    /** Attaches a photo to the draft (the same file twice is one photo). */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public VisitPhotos.Photo attachPhoto(long draftId, PhotoKind kind, byte[] upload) {
        Draft d = get(draftId);
        if (d.submitted()) {
            throw new SurveyRejectedException(Reason.CONFLICT, List.of(FieldProblem.of("", "survey.error.draftSubmitted")));
        }
        return photos.attachToDraft(draftId, kind, upload);
    }

    /**
     * A child's home visits as its page lists them: per term, the draft (if any) and the recorded visit (if any), newest
     * term first. The child must be within the caller's scope.
     */
    public record TermVisit(String term, Long draftId, String draftStatus, Long visitId, String visitStatus, LocalDate visitedOn) {
    }

    @Transactional(readOnly = true)
    public List<TermVisit> visitsOf(long childId) {
        Child child = children.findById(childId).orElseThrow(() -> new NotFoundException("child " + childId));
        if (!child.visibleIn(currentUser.scope())) {
            throw new AccessDeniedException("child outside the caller's area");
        }
        return jdbc.query("""
                SELECT COALESCE(d.term, v.term) AS term, d.id AS draft_id, d.status AS draft_status, v.id AS visit_id, v.status AS visit_status,
                       v.visited_on
                FROM (SELECT * FROM visit_draft WHERE child_id = ?) d
                FULL JOIN (SELECT hv.* FROM home_visit hv JOIN visit_student vs ON vs.visit_id = hv.id WHERE vs.child_id = ?) v
                  ON v.term = d.term
                ORDER BY 1 DESC""", (rs, i) -> new TermVisit(rs.getString("term"), (Long) rs.getObject("draft_id"),
                rs.getString("draft_status"), (Long) rs.getObject("visit_id"), rs.getString("visit_status"),
                rs.getObject("visited_on", LocalDate.class)), childId, childId);
    }

    /** Drafts and visits of the caller's children for a term: child id → status (OPEN / SUBMITTED). */
    @Transactional(readOnly = true)
    public Map<Long, String> statusByChild(List<Long> childIds, Term term) {
        Map<Long, String> status = new java.util.HashMap<>();
        if (childIds.isEmpty()) {
            return status;
        }
        jdbc.query("SELECT child_id, status FROM visit_draft WHERE term = ? AND child_id = ANY (?)",
                rs -> {
                    status.put(rs.getLong(1), rs.getString(2));
                }, term.toString(), childIds.toArray(Long[]::new));
        jdbc.query("SELECT child_id FROM visit_student WHERE term = ? AND child_id = ANY (?)",
                rs -> {
                    status.put(rs.getLong(1), "SUBMITTED");
                }, term.toString(), childIds.toArray(Long[]::new));
        return status;
    }

    /** The document with what the draft fixes (its id, term, unit) put back, whatever the form sent. */
    private static SurveyDocument fixed(Draft d, SurveyDocument f) {
        return new SurveyDocument(d.externalId(), d.term(), f.visitedOn(), d.document().orgUnitCode(), f.address(), f.location(),
                f.singleParent(), f.members(), f.housing(), f.farmland(), f.drinkingWater(), f.electricity(), f.vehicles(),
                f.appliances(), f.consent(), f.journeyToSchool(), f.incomeCertifiedBy());
    }

    private Optional<Draft> find(String where, Object... args) {
        return jdbc.query("SELECT * FROM visit_draft WHERE " + where, (rs, i) -> new Draft(rs.getLong("id"),
                rs.getObject("external_id", UUID.class), rs.getLong("child_id"), rs.getString("term"), rs.getLong("org_unit_id"),
                json.readValue(rs.getString("document"), SurveyDocument.class), rs.getLong("version"), rs.getString("status"),
                (Long) rs.getObject("visit_id")), args).stream().findFirst();
    }

    private void requireVisible(Draft d) {
        Child child = children.findById(d.childId()).orElseThrow();
        if (!currentUser.scope().coversOrgUnit(d.orgUnitId(), child.getProvinceCode()) && !child.foundIn(currentUser.scope())) {
            throw new AccessDeniedException("draft outside the caller's area");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
