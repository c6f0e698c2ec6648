package org.eduequity.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.NationalId;
import org.eduequity.survey.SurveyRejectedException.Reason;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receiving home-visit surveys: validates a document, files its students under their child records (creating
 * those not yet on a roll), and records one visit per household per term. A document whose
 * {@code externalId} was received before is not recorded again: the earlier receipt is returned.
 */
@Service
public class Surveys {

    private final SurveyValidator validator;
    private final HomeVisitStore store;
    private final ChildRepository children;
    private final OrgUnits orgUnits;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final Geography geography;
    private final EvidenceChecks checks;
    private final Screening screening;

    Surveys(SurveyValidator validator, HomeVisitStore store, ChildRepository children, OrgUnits orgUnits, CurrentUser currentUser,
            AuditLog audit, Clock clock, Geography geography, EvidenceChecks checks, Screening screening) {
        this.screening = screening;
        this.geography = geography;
        this.checks = checks;
        this.validator = validator;
        this.store = store;
        this.children = children;
        this.orgUnits = orgUnits;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The receipt of an earlier document with this external id, if the caller may see it. */
    @Transactional(readOnly = true)
    public Optional<SurveyReceipt> byExternalId(UUID externalId) {
        return store.byExternalId(externalId).map(v -> {
            if (!visitVisible(currentUser.scope(), v.id(), v.orgUnitId(), v.provinceCode())) {
                throw new SurveyRejectedException(Reason.FORBIDDEN, List.of(FieldProblem.of("externalId", "survey.error.notYours")));
            }
            return new SurveyReceipt(v.id(), v.externalId(), v.term(), v.status(), store.students(v.id()), v.evidenceFlags(), false);
        });
    }

    /**
     * Whether the scope reaches a recorded visit: its unit's roll, or — a found out-of-school child's full visit — every
     * student of it is out of school and was found in the scope's subdistricts (ADR 0011).
     */
    boolean visitVisible(AreaScope scope, long visitId, long orgUnitId, String provinceCode) {
        return store.visible(scope, visitId, orgUnitId, provinceCode);
    }

    /** Records a submitted survey, or returns the receipt of the same document received before. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    public SurveyReceipt submit(SurveyDocument d) {
        store.lockFor(d);
        if (d.externalId() != null) {
            Optional<SurveyReceipt> earlier = byExternalId(d.externalId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<FieldProblem> problems = new ArrayList<>(validator.check(d));
        OrgUnit unit = d.orgUnitCode() == null ? null : orgUnits.byCode(d.orgUnitCode().trim()).orElse(null);
        if (unit == null && d.orgUnitCode() != null && !d.orgUnitCode().isBlank()) {
            problems.add(FieldProblem.of("orgUnitCode", "survey.error.unknownOrgUnit"));
        }
        if (!problems.isEmpty()) {
            throw new SurveyRejectedException(Reason.INVALID, problems);
        }
        AreaScope scope = currentUser.scope();
        // a unit that is not the caller's: only the full visit of children found out of school in the caller's subdistricts
        boolean ownUnit = scope.coversOrgUnit(unit.getId(), unit.getProvinceCode());
        Instant now = Instant.now(clock);
        // the students already on a roll, in one query
        Map<String, Child> onRoll = new HashMap<>();
        List<String> studentIds = new ArrayList<>();
        for (SurveyDocument.Member m : d.members()) {
            if ("STUDENT".equals(m.relationship())) {
                studentIds.add(NationalId.of(m.nationalId()).value());
            }
        }
        if (!studentIds.isEmpty()) {
            children.findByNationalIdIn(studentIds).forEach(c -> onRoll.put(c.getNationalId().value(), c));
        }
        if (!ownUnit && (studentIds.isEmpty() || studentIds.stream().anyMatch(id -> onRoll.get(id) == null
                || !onRoll.get(id).foundIn(scope) || !onRoll.get(id).getOrgUnitId().equals(unit.getId())))) {
            throw new SurveyRejectedException(Reason.FORBIDDEN, List.of(FieldProblem.of("orgUnitCode", "survey.error.notYourUnit")));
        }
        List<Long> memberChildIds = new ArrayList<>();
        List<Long> existingChildIds = new ArrayList<>();
        List<SurveyReceipt.Student> students = new ArrayList<>();
        List<Long> createdChildIds = new ArrayList<>();
        List<FieldProblem> forbidden = new ArrayList<>();
        for (int i = 0; i < d.members().size(); i++) {
            SurveyDocument.Member m = d.members().get(i);
            if (!"STUDENT".equals(m.relationship())) {
                memberChildIds.add(null);
                continue;
            }
            String at = "members[" + i + "]";
            NationalId id = NationalId.of(m.nationalId());
            Child existing = onRoll.get(id.value());
            if (existing != null) {
                if (!existing.visibleIn(scope)) {
                    forbidden.add(FieldProblem.of(at + ".nationalId", "survey.error.childElsewhere"));
                }
                memberChildIds.add(existing.getId());
                existingChildIds.add(existing.getId());
                students.add(new SurveyReceipt.Student(id.value(), existing.getId()));
                continue;
            }
            List<FieldProblem> missing = new ArrayList<>();
            if (m.birthDate() == null || m.birthDate().isBlank()) {
                missing.add(FieldProblem.of(at + ".birthDate", "survey.error.newStudentNeeds"));
            }
            if (m.sex() == null) {
                missing.add(FieldProblem.of(at + ".sex", "survey.error.newStudentNeeds"));
            }
            if (m.gradeLevel() == null || m.gradeLevel().isBlank()) {
                missing.add(FieldProblem.of(at + ".gradeLevel", "survey.error.newStudentNeeds"));
            }
            if (!missing.isEmpty()) {
                problems.addAll(missing);
                memberChildIds.add(null);
                continue;
            }
            Child child = children.save(new Child(id, null, m.firstName().trim(), m.lastName().trim(), LocalDate.parse(m.birthDate()),
                    "F".equals(m.sex()) ? Sex.FEMALE : Sex.MALE, "THA", unit.getId(), unit.getProvinceCode(), m.gradeLevel(), now));
            createdChildIds.add(child.getId());
            memberChildIds.add(child.getId());
            students.add(new SurveyReceipt.Student(id.value(), child.getId()));
        }
        if (!forbidden.isEmpty()) {
            throw new SurveyRejectedException(Reason.FORBIDDEN, forbidden);
        }
        if (!problems.isEmpty()) {
            throw new SurveyRejectedException(Reason.INVALID, problems);
        }
        // children created just now have no visits: only those already on a roll can have been visited this term
        Map<Long, Long> visited = existingChildIds.isEmpty() ? Map.of() : store.visitedThisTerm(existingChildIds, d.term());
        if (!visited.isEmpty()) {
            List<FieldProblem> conflicts = new ArrayList<>();
            for (int i = 0; i < memberChildIds.size(); i++) {
                Long childId = memberChildIds.get(i);
                if (childId != null && visited.containsKey(childId)) {
                    conflicts.add(FieldProblem.of("members[" + i + "].nationalId", "survey.error.alreadyVisited", d.term(), visited.get(childId)));
                }
            }
            throw new SurveyRejectedException(Reason.CONFLICT, conflicts);
        }
        Long recordedBy = currentUser.principal().map(p -> p.id()).orElse(null);
        // a new visit has no photos yet, so of the evidence checks only the home's distance from its subdistrict applies
        List<String> flags = newVisitEvidence(d).stream().map(Enum::name).toList();
        long visitId = store.insert(d, unit.getId(), unit.getProvinceCode(), recordedBy, "SUBMITTED", memberChildIds, flags, now);
        screening.screenVisits(List.of(visitId), ScreeningResult.Cause.SUBMITTED);
        audit.recordAll(List.of(audited(d, visitId, createdChildIds)));
        students.sort(java.util.Comparator.comparing(SurveyReceipt.Student::nationalId));
        return new SurveyReceipt(visitId, d.externalId(), d.term(), "SUBMITTED", List.copyOf(students), flags, true);
    }

    /**
     * The one audit entry of a recorded survey: the visit it created (who and when are the entry's own), its term and
     * external id, and the child records it created for students not yet on a roll, e.g. {@code term 2569/1 externalId
     * 0b4e… children created 1021, 1022}. A child created from a survey is found by its id in the entry's detail.
     */
    static AuditLog.Action audited(SurveyDocument d, long visitId, List<Long> createdChildIds) {
        StringBuilder detail = new StringBuilder("term ").append(d.term());
        if (d.externalId() != null) {
            detail.append(" externalId ").append(d.externalId());
        }
        if (!createdChildIds.isEmpty()) {
            detail.append(" children created ");
            for (int i = 0; i < createdChildIds.size(); i++) {
                detail.append(i == 0 ? "" : ", ").append(createdChildIds.get(i));
            }
        }
        return new AuditLog.Action(AuditAction.CREATE, "HomeVisit", visitId, detail.toString());
    }

    /**
     * The evidence flags of a visit being recorded, as {@link VisitPhotos#refreshEvidence(long)} would compute them
     * right after: the home's position as stored (6 decimals) against its subdistrict's centroid; photos, and so the
     * photo flags, come later.
     */
    public List<EvidenceFlag> newVisitEvidence(SurveyDocument d) {
        if (d.location() == null || d.location().lat() == null || d.location().lon() == null) {
            return List.of();
        }
        return geography.subdistrict(d.address().subdistrictCode())
                .filter(s -> checks.homeFarFromSubdistrict(d.location().lat().setScale(6, java.math.RoundingMode.HALF_UP),
                        d.location().lon().setScale(6, java.math.RoundingMode.HALF_UP), s.latitude(), s.longitude()))
                .map(s -> List.of(EvidenceFlag.HOME_FAR_FROM_SUBDISTRICT)).orElse(List.of());
    }

    /** A child's record and visits, for callers whose area covers the child. */
    @Transactional(readOnly = true)
    public Optional<ChildView> child(NationalId nationalId) {
        return children.findByNationalId(nationalId.value()).map(c -> {
            if (!currentUser.scope().coversOrgUnit(c.getOrgUnitId(), c.getProvinceCode())) {
                throw new org.springframework.security.access.AccessDeniedException("child outside the caller's area");
            }
            String unitCode = orgUnits.byId(c.getOrgUnitId()).map(OrgUnit::getCode).orElse(null);
            List<ChildView.Visit> visits = store.visitsOfChild(c.getId()).stream().map(r -> new ChildView.Visit(
                    ((Number) r.get("id")).longValue(), (String) r.get("term"), ((java.sql.Date) r.get("visited_on")).toLocalDate(),
                    (String) r.get("status"), flags(r.get("evidence_flags")))).toList();
            return new ChildView(c, unitCode, visits);
        });
    }

    private static List<String> flags(Object array) {
        try {
            return array == null ? List.of() : List.of((String[]) ((java.sql.Array) array).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A child as the API shows it. */
    public record ChildView(Child child, String orgUnitCode, List<Visit> visits) {

        /** One home visit of the child. */
        public record Visit(long id, String term, LocalDate visitedOn, String status, List<String> evidenceFlags) {
        }
    }
}
