package org.eduequity.outofschool;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.Children;
import org.eduequity.survey.FieldProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases of found children (docs/out-of-school.md "Cases", ADR 0007): opened by the province from a found child, one open
 * case per child; consent, needs assessment, care plan and its approval, referrals to providers and their moves,
 * follow-ups, closure and reopening; one timeline. The stage is derived ({@link CaseStage#of}). Every write locks the case
 * row and checks the version the caller saw (when given); every read is audited.
 */
@Service
@Transactional
public class Cases {

    static final String READERS = "hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN', 'PROVIDER')";
    static final String MANAGERS = "hasAnyRole('PROVINCE', 'ADMIN')";
    static final String VISITORS = "hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')";
    static final String PROVIDERS = "hasAnyRole('PROVIDER', 'ADMIN')";

    /** Longest free text. */
    public static final int MAX_TEXT = 2000;
    /** The age from which a youth gives consent alone. */
    public static final int CONSENT_AGE = 18;

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final JdbcTemplate jdbc;
    private final FoundChildren found;
    private final CurrentUser currentUser;
    private final Children children;
    private final Screening screening;
    private final AuditLog audit;
    private final Clock clock;
    private final List<CasePayments> payments;

    Cases(JdbcTemplate jdbc, FoundChildren found, CurrentUser currentUser, Children children, Screening screening, AuditLog audit,
          Clock clock, List<CasePayments> payments) {
        this.payments = payments;
        this.jdbc = jdbc;
        this.found = found;
        this.currentUser = currentUser;
        this.children = children;
        this.screening = screening;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------- documents

    /**
     * A consent as given. {@code guardianNationalId}: the guardian's national id (only on a GUARDIAN's consent, optional), the
     * PromptPay id a minor's share of OOS_YOUTH is paid to (ADR 0012).
     */
    public record Consent(ConsentGiver givenBy, String giverName, LocalDate givenOn, Set<ConsentScope> scopes, String guardianNationalId) {

        public Consent(ConsentGiver givenBy, String giverName, LocalDate givenOn, Set<ConsentScope> scopes) {
            this(givenBy, giverName, givenOn, scopes, null);
        }
    }

    /** A needs assessment. */
    public record Assessment(LocalDate assessedOn, String assessedBy, Set<Need> needs, String familySituation, String goals, String risks) {
    }

    /** One intervention of a care plan; id null for a new one. */
    public record InterventionData(Long id, Need serviceType, String providerCode, String goal, String responsible, LocalDate targetDate,
                                   Monitoring monitoring, boolean carriedOut) {
    }

    /** A care plan as saved. */
    public record PlanData(String goals, List<InterventionData> interventions) {
    }

    /** A referral to make. */
    public record ReferralData(String providerCode, Long interventionId, String notes, String consentOverrideReason) {
    }

    /** A follow-up visit, scheduled (no doneOn) or done. */
    public record FollowUpData(LocalDate dueOn, LocalDate doneOn, Boolean seen, String notSeenReason, String action,
                               boolean anotherVisitNeeded, LocalDate nextDueOn, boolean recommendClosure, String responsible) {
    }

    // ------------------------------------------------------------------------------------------- views

    /** What opening answers: the case, its stage, and whether it was opened now (false: the child's open case). */
    public record Receipt(long id, CaseStage stage, boolean created) {
    }

    /** The child as the case shows it; for a provider without SHARE_WITH_PROVIDER consent the identity fields are null. */
    public record CaseChild(Long foundChildId, String nationalId, String firstName, String lastName, LocalDate birthDate, int ageYears,
                            AgeBand ageBand, String sex, String houseNo, Integer villageNo, String subdistrictCode, String provinceCode,
                            String guardianPhone, List<Need> needs, boolean identityShown) {
        public String fullName() {
            return identityShown ? firstName + " " + lastName : null;
        }
    }

    /** The current consent; {@code guardianNationalId} only on a guardian's consent that records it. */
    public record ConsentView(long id, ConsentGiver givenBy, String giverName, LocalDate givenOn, Set<ConsentScope> scopes,
                              String recordedBy, LocalDate withdrawnOn, String withdrawalReason, String guardianNationalId) {
        public boolean allows(ConsentScope scope) {
            return withdrawnOn == null && scopes.contains(scope);
        }

        /** The guardian's national id masked for the screen ({@code 1-2345-xxxxx-67-8}), or null. */
        public String guardianNationalIdMasked() {
            if (guardianNationalId == null) {
                return null;
            }
            try {
                return NationalId.of(guardianNationalId).masked();
            } catch (InvalidValueException e) {
                // 13 digits (a CHECK constraint) whose check digit does not match: masked all the same, never shown whole
                String v = guardianNationalId;
                return v.charAt(0) + "-" + v.substring(1, 5) + "-xxxxx-" + v.substring(10, 12) + "-" + v.charAt(12);
            }
        }
    }

    /** The current assessment. */
    public record AssessmentView(LocalDate assessedOn, String assessedBy, List<Need> needs, String familySituation, String goals, String risks) {
    }

    /** An intervention of the plan. */
    public record Intervention(long id, Need serviceType, String providerCode, String goal, String responsible, LocalDate targetDate,
                               Monitoring monitoring, boolean carriedOut) {
    }

    /** The care plan. */
    public record PlanView(String goals, PlanStatus status, String comment, String decidedBy, Instant decidedAt, boolean everApproved,
                           List<Intervention> interventions) {
    }

    /** A referral. */
    public record Referral(long id, long caseId, long interventionId, String providerCode, ReferralStatus status, String notes,
                           String consentOverrideReason, String referredBy, Instant referredAt, String answeredBy, Instant answeredAt,
                           String declineReason, Boolean successful, UnsuccessfulReason unsuccessfulReason, String servicesDelivered,
                           LocalDate doneOn, String revokeReason, long version) {
    }

    /** A follow-up visit. */
    public record FollowUp(long id, LocalDate dueOn, LocalDate doneOn, Boolean seen, String notSeenReason, String action,
                           boolean anotherVisitNeeded, boolean recommendClosure, String responsible, String recordedBy) {
        public boolean overdue(LocalDate today) {
            return doneOn == null && dueOn.isBefore(today);
        }
    }

    /** The closure. */
    public record Closure(CaseOutcome outcome, LocalDate closedOn, String note, String closedBy) {
    }

    /** One dated entry of the timeline; kind SCREENING entries come from the screening module (not stored with the case). */
    public record TimelineEntry(Instant at, LocalDate on, String kind, String actor, String detail, Long referralId) {
    }

    /**
     * A case as its reader may see it. {@code providerView}: a provider's user, who sees the child within the consent, the
     * intervention(s) referred to it, its own referrals and their timeline entries only.
     */
    public record CaseView(long id, long version, CaseStage stage, CaseChild child, ConsentView consent, AssessmentView assessment,
                           PlanView carePlan, List<Referral> referrals, List<FollowUp> followUps, Closure closure,
                           List<TimelineEntry> timeline, boolean providerView, String openedBy, Instant openedAt) {
        public boolean closed() {
            return closure != null;
        }

        public Optional<Intervention> intervention(long id) {
            return carePlan == null ? Optional.empty() : carePlan.interventions().stream().filter(i -> i.id() == id).findFirst();
        }
    }

    /** A row of the province's case list. */
    public record CaseRow(long id, long foundChildId, String childName, String subdistrictCode, CaseStage stage, Instant openedAt,
                          String outcome) {
    }

    /** A referral in a provider's inbox (live ones only); the child's name only with SHARE_WITH_PROVIDER consent. */
    public record InboxRow(long referralId, long caseId, ReferralStatus status, Need serviceType, String goal, LocalDate targetDate,
                           String childName, int ageYears, String subdistrictCode, Instant referredAt, long version) {
    }

    /** An overdue follow-up on the responsible worker's home page. */
    public record OverdueFollowUp(long followUpId, long caseId, String childName, LocalDate dueOn, String subdistrictCode) {
    }

    // ------------------------------------------------------------------------------------------- opening

    /**
     * Opens a case for a found child in the caller's province, with its consent when given. The child's open case, when
     * there is one, is answered instead (created false): never two open cases per child (a unique index).
     */
    @PreAuthorize(MANAGERS)
    public Receipt open(long foundChildId, Consent consent) {
        FoundChildren.FoundChild child = found.get(foundChildId);
        if (child.status() == FoundStatus.DUPLICATE || child.status() == FoundStatus.IN_SCHOOL) {
            throw CaseRejected.conflict("foundChildId", "case.error.notOutOfSchool");
        }
        String guardianId = consent == null ? null : checkConsent(consent, child);
        Optional<Long> existing = openCaseOf(foundChildId);
        if (existing.isPresent()) {
            return new Receipt(existing.get(), stage(existing.get()), false);
        }
        Instant now = now();
        List<Long> ids = jdbc.query("""
                INSERT INTO oos_case (found_child_id, province_code, district_code, subdistrict_code, opened_by, opened_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (found_child_id) WHERE closed_on IS NULL DO NOTHING RETURNING id""",
                (rs, i) -> rs.getLong(1), foundChildId, child.provinceCode(), child.districtCode(), child.subdistrictCode(), username(),
                Timestamp.from(now));
        if (ids.isEmpty()) {
            long id = openCaseOf(foundChildId).orElseThrow();
            return new Receipt(id, stage(id), false);
        }
        long id = ids.get(0);
        event(id, "OPENED", null, null);
        audit.record(AuditAction.CREATE, "OosCase", id, "foundChild=" + foundChildId);
        if (consent != null) {
            insertConsent(id, consent, guardianId);
        }
        return new Receipt(id, CaseStage.OPENED, true);
    }

    /** The open case of a found child, if any (no scope check: the caller has read the child). */
    @Transactional(readOnly = true)
    public Optional<Long> openCaseOf(long foundChildId) {
        return jdbc.query("SELECT id FROM oos_case WHERE found_child_id = ? AND closed_on IS NULL", (rs, i) -> rs.getLong(1), foundChildId)
                .stream().findFirst();
    }

    /** The latest case of a found child (open or closed), if any. */
    @Transactional(readOnly = true)
    public Optional<Long> latestCaseOf(long foundChildId) {
        return jdbc.query("SELECT id FROM oos_case WHERE found_child_id = ? ORDER BY id DESC LIMIT 1", (rs, i) -> rs.getLong(1), foundChildId)
                .stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------- consent

    /** Records a (new) consent: it replaces the current one. */
    @PreAuthorize(MANAGERS)
    public void giveConsent(long caseId, Long version, Consent consent) {
        Locked c = lock(caseId, version, true);
        String guardianId = checkConsent(consent, found.get(c.foundChildId));
        insertConsent(caseId, consent, guardianId);
    }

    /** Records the withdrawal of the current consent: no new referral is made under it. */
    @PreAuthorize(MANAGERS)
    public void withdrawConsent(long caseId, Long version, LocalDate on, String reason) {
        lock(caseId, version, true);
        List<FieldProblem> errors = new ArrayList<>();
        if (on == null) {
            errors.add(new FieldProblem("withdrawnOn", "finding.error.required", List.of()));
        }
        text(reason, "reason", true, errors);
        invalidIf(errors);
        int n = jdbc.update("""
                UPDATE oos_case_consent SET withdrawn_on = ?, withdrawal_reason = ?, withdrawn_by = ?
                WHERE id = (SELECT max(id) FROM oos_case_consent WHERE case_id = ?) AND withdrawn_on IS NULL""",
                on, reason.strip(), username(), caseId);
        if (n == 0) {
            throw CaseRejected.conflict("consent", "case.error.noConsentToWithdraw");
        }
        event(caseId, "CONSENT_WITHDRAWN", null, reason.strip());
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "consent withdrawn");
    }

    /**
     * Checks a consent (problems named {@code consent.*}); returns the guardian's national id normalised (13 digits), or null
     * when none is given. The guardian's id: only on a GUARDIAN's consent, a valid Thai national id (check digit; not a G-code,
     * which has no PromptPay), not the youth's own, and with the guardian's name (the payee's name).
     */
    private String checkConsent(Consent consent, FoundChildren.FoundChild child) {
        List<FieldProblem> errors = new ArrayList<>();
        String guardianId = null;
        if (consent.guardianNationalId() != null && !consent.guardianNationalId().isBlank()) {
            String field = "consent.guardianNationalId";
            if (consent.givenBy() != null && consent.givenBy() != ConsentGiver.GUARDIAN) {
                errors.add(new FieldProblem(field, "case.error.guardianIdOnlyGuardian", List.of()));
            } else {
                try {
                    NationalId id = NationalId.of(consent.guardianNationalId());
                    if (id.isGCode()) {
                        errors.add(new FieldProblem(field, "case.error.guardianIdGCode", List.of()));
                    } else if (id.value().equals(child.nationalId())) {
                        errors.add(new FieldProblem(field, "case.error.guardianIdIsYouth", List.of()));
                    } else {
                        guardianId = id.value();
                    }
                } catch (InvalidValueException e) {
                    errors.add(new FieldProblem(field, e.messageKey(), List.of()));
                }
                if (consent.giverName() == null || consent.giverName().isBlank()) {
                    errors.add(new FieldProblem("consent.giverName", "case.error.guardianNameRequired", List.of()));
                }
            }
        }
        if (consent.givenBy() == null) {
            errors.add(new FieldProblem("consent.givenBy", "finding.error.required", List.of()));
        }
        if (consent.givenOn() == null) {
            errors.add(new FieldProblem("consent.givenOn", "finding.error.required", List.of()));
        } else if (consent.givenOn().isAfter(today())) {
            errors.add(new FieldProblem("consent.givenOn", "case.error.future", List.of()));
        }
        if (consent.scopes() == null || consent.scopes().isEmpty()) {
            errors.add(new FieldProblem("consent.scopes", "case.error.scopes", List.of()));
        }
        if (consent.givenBy() == ConsentGiver.YOUTH && consent.givenOn() != null) {
            int age = AgeBand.age(child.birthDate(), consent.givenOn());
            if (age < CONSENT_AGE) {
                errors.add(new FieldProblem("consent.givenBy", "case.error.youthUnder18", List.of(age)));
            }
        }
        if (consent.giverName() != null && consent.giverName().length() > 200) {
            errors.add(new FieldProblem("consent.giverName", "finding.error.tooLong", List.of(200)));
        }
        invalidIf(errors);
        return guardianId;
    }

    private void insertConsent(long caseId, Consent consent, String guardianNationalId) {
        jdbc.update("""
                INSERT INTO oos_case_consent (case_id, given_by, giver_name, given_on, scopes, recorded_by, recorded_at, guardian_national_id)
                VALUES (?, ?, ?, ?, ?::varchar(30)[], ?, ?, ?)""", caseId, consent.givenBy().name(), blankToNull(consent.giverName()),
                consent.givenOn(), consent.scopes().stream().sorted().map(Enum::name).toArray(String[]::new), username(), Timestamp.from(now()),
                guardianNationalId);
        event(caseId, "CONSENT_GIVEN", null, consent.givenBy() + " " + consent.scopes().stream().sorted().toList());
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "consent " + consent.givenBy() + " " + consent.scopes()
                + (guardianNationalId == null ? "" : " with the guardian's national id"));
    }

    // ------------------------------------------------------------------------------------------- assessment and plan

    /** Records the needs assessment (replacing the previous one, which stays in the timeline). */
    @PreAuthorize(MANAGERS)
    public void assess(long caseId, Long version, Assessment a) {
        lock(caseId, version, true);
        List<FieldProblem> errors = new ArrayList<>();
        if (a.assessedOn() == null) {
            errors.add(new FieldProblem("assessedOn", "finding.error.required", List.of()));
        } else if (a.assessedOn().isAfter(today())) {
            errors.add(new FieldProblem("assessedOn", "case.error.future", List.of()));
        }
        if (a.needs() == null || a.needs().isEmpty()) {
            errors.add(new FieldProblem("needs", "case.error.needs", List.of()));
        }
        text(a.familySituation(), "familySituation", false, errors);
        text(a.goals(), "goals", false, errors);
        text(a.risks(), "risks", false, errors);
        if (a.assessedBy() != null && a.assessedBy().length() > 200) {
            errors.add(new FieldProblem("assessedBy", "finding.error.tooLong", List.of(200)));
        }
        invalidIf(errors);
        String by = a.assessedBy() == null || a.assessedBy().isBlank() ? username() : a.assessedBy().strip();
        jdbc.update("""
                UPDATE oos_case SET assessed_on = ?, assessed_by = ?, assessed_needs = ?::varchar(30)[], family_situation = ?, youth_goals = ?,
                    risks = ? WHERE id = ?""", a.assessedOn(), by, a.needs().stream().sorted().map(Enum::name).toArray(String[]::new),
                blankToNull(a.familySituation()), blankToNull(a.goals()), blankToNull(a.risks()), caseId);
        event(caseId, "ASSESSED", null, by + ": " + a.needs().stream().sorted().toList());
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "assessment");
    }

    /**
     * Saves the care plan: interventions with an id are changed in place, new ones added, missing ones removed (unless a
     * referral refers to them: 409). The plan becomes DRAFT: a plan changed after approval needs approving again.
     */
    @PreAuthorize(MANAGERS)
    public PlanView plan(long caseId, Long version, PlanData p) {
        Locked c = lock(caseId, version, true);
        if (!c.assessed) {
            throw CaseRejected.conflict("assessment", "case.error.assessFirst");
        }
        List<FieldProblem> errors = new ArrayList<>();
        text(p.goals(), "goals", true, errors);
        List<InterventionData> items = p.interventions() == null ? List.of() : p.interventions();
        if (items.isEmpty()) {
            errors.add(new FieldProblem("interventions", "case.error.interventions", List.of()));
        }
        Set<Long> own = new HashSet<>(jdbc.queryForList("SELECT id FROM oos_case_intervention WHERE case_id = ?", Long.class, caseId));
        for (int i = 0; i < items.size(); i++) {
            InterventionData d = items.get(i);
            String f = "interventions[" + i + "].";
            if (d.id() != null && !own.contains(d.id())) {
                errors.add(new FieldProblem(f + "id", "case.error.unknownIntervention", List.of()));
            }
            if (d.serviceType() == null) {
                errors.add(new FieldProblem(f + "serviceType", "finding.error.required", List.of()));
            }
            if (d.providerCode() != null && !d.providerCode().isBlank()) {
                String province = jdbc.query("SELECT province_code FROM provider WHERE code = ?", (rs, n) -> rs.getString(1),
                        d.providerCode().strip()).stream().findFirst().orElse(null);
                if (province == null) {
                    errors.add(new FieldProblem(f + "providerCode", "case.error.unknownProvider", List.of()));
                }
            }
            text(d.goal(), f + "goal", true, errors);
            text(d.responsible(), f + "responsible", true, errors);
            if (d.targetDate() == null) {
                errors.add(new FieldProblem(f + "targetDate", "finding.error.required", List.of()));
            }
            if (d.monitoring() == null) {
                errors.add(new FieldProblem(f + "monitoring", "finding.error.required", List.of()));
            }
        }
        invalidIf(errors);
        Set<Long> kept = new HashSet<>();
        items.stream().map(InterventionData::id).filter(java.util.Objects::nonNull).forEach(kept::add);
        for (long id : own) {
            if (!kept.contains(id)) {
                boolean referred = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM oos_referral WHERE intervention_id = ?)",
                        Boolean.class, id));
                if (referred) {
                    throw CaseRejected.conflict("interventions", "case.error.interventionReferred", id);
                }
                jdbc.update("DELETE FROM oos_case_intervention WHERE id = ?", id);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            InterventionData d = items.get(i);
            Object[] values = {d.serviceType().name(), blankToNull(d.providerCode()), d.goal().strip(), d.responsible().strip(), d.targetDate(),
                    d.monitoring().name(), d.carriedOut(), i};
            if (d.id() == null) {
                jdbc.update("""
                        INSERT INTO oos_case_intervention (service_type, provider_code, goal, responsible, target_date, monitoring, carried_out,
                            position, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", append(values, caseId));
            } else {
                jdbc.update("""
                        UPDATE oos_case_intervention SET service_type = ?, provider_code = ?, goal = ?, responsible = ?, target_date = ?,
                            monitoring = ?, carried_out = ?, position = ? WHERE id = ? AND case_id = ?""", append(append(values, d.id()), caseId));
            }
        }
        boolean wasApproved = "APPROVED".equals(c.planStatus);
        jdbc.update("UPDATE oos_case SET plan_goals = ?, plan_status = 'DRAFT', plan_comment = NULL WHERE id = ?", p.goals().strip(), caseId);
        event(caseId, "PLAN_SAVED", null, wasApproved ? "REAPPROVAL_NEEDED" : null);
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "care plan" + (wasApproved ? " changed after approval" : ""));
        return plan(caseId, true);
    }

    /** Approves the care plan (decision APPROVE), or returns it with a comment (RETURN; the comment is required). */
    @PreAuthorize(MANAGERS)
    public PlanStatus decidePlan(long caseId, Long version, String decision, String comment) {
        Locked c = lock(caseId, version, true);
        if (decision == null || !(decision.equals("APPROVE") || decision.equals("RETURN"))) {
            throw CaseRejected.invalid("decision", "case.error.decision");
        }
        boolean approve = decision.equals("APPROVE");
        if (c.planStatus == null) {
            throw CaseRejected.conflict("carePlan", "case.error.noPlan");
        }
        if (!"DRAFT".equals(c.planStatus)) {
            throw CaseRejected.conflict("decision", "case.error.planNotDraft", c.planStatus);
        }
        List<FieldProblem> errors = new ArrayList<>();
        text(comment, "comment", !approve, errors);
        invalidIf(errors);
        Instant now = now();
        jdbc.update("""
                UPDATE oos_case SET plan_status = ?, plan_comment = ?, plan_decided_by = ?, plan_decided_at = ?,
                    plan_approved_at = CASE WHEN ? THEN COALESCE(plan_approved_at, ?) ELSE plan_approved_at END WHERE id = ?""",
                approve ? "APPROVED" : "RETURNED", blankToNull(comment), username(), Timestamp.from(now), approve, Timestamp.from(now), caseId);
        event(caseId, approve ? "PLAN_APPROVED" : "PLAN_RETURNED", null, blankToNull(comment));
        audit.record(AuditAction.UPDATE, "OosCase", caseId, approve ? "care plan approved" : "care plan returned");
        return approve ? PlanStatus.APPROVED : PlanStatus.RETURNED;
    }

    // ------------------------------------------------------------------------------------------- referrals

    /**
     * Refers one intervention of the approved plan to a provider: needs a consent with REFERRAL (not withdrawn), or a
     * province user's reason to go without it (stored and audited). The same live referral again is answered (created false).
     */
    @PreAuthorize(MANAGERS)
    public Map.Entry<Referral, Boolean> refer(long caseId, Long version, ReferralData r) {
        Locked c = lock(caseId, version, true);
        List<FieldProblem> errors = new ArrayList<>();
        if (r.interventionId() == null) {
            errors.add(new FieldProblem("interventionId", "finding.error.required", List.of()));
        }
        if (r.providerCode() == null || r.providerCode().isBlank()) {
            errors.add(new FieldProblem("providerCode", "finding.error.required", List.of()));
        }
        text(r.notes(), "notes", false, errors);
        text(r.consentOverrideReason(), "consentOverrideReason", false, errors);
        invalidIf(errors);
        if (!"APPROVED".equals(c.planStatus)) {
            throw CaseRejected.conflict("carePlan", "case.error.planNotApproved");
        }
        Long owner = jdbc.query("SELECT case_id FROM oos_case_intervention WHERE id = ?", (rs, i) -> rs.getLong(1), r.interventionId())
                .stream().findFirst().orElse(null);
        if (owner == null || owner != caseId) {
            throw CaseRejected.invalid("interventionId", "case.error.unknownIntervention");
        }
        String providerCode = r.providerCode().strip();
        String providerProvince = jdbc.query("SELECT province_code FROM provider WHERE code = ? AND active", (rs, i) -> rs.getString(1),
                providerCode).stream().findFirst().orElse(null);
        if (providerProvince == null) {
            throw CaseRejected.invalid("providerCode", "case.error.unknownProvider");
        }
        Optional<Referral> live = referrals("r.intervention_id = ? AND r.provider_code = ? AND r.status IN ('PENDING', 'ACCEPTED')",
                r.interventionId(), providerCode).stream().findFirst();
        if (live.isPresent()) {
            return Map.entry(live.get(), false);
        }
        ConsentView consent = consent(caseId);
        String override = blankToNull(r.consentOverrideReason());
        if (consent != null && consent.allows(ConsentScope.REFERRAL)) {
            override = null;
        } else if (override == null) {
            throw CaseRejected.conflict("consent", consent != null && consent.withdrawnOn() != null ? "case.error.consentWithdrawn"
                    : "case.error.noReferralConsent");
        } else if (!currentUser.require().hasRole("PROVINCE")) {
            throw CaseRejected.forbidden("consentOverrideReason", "case.error.overrideProvinceOnly");
        }
        long id;
        try {
            id = jdbc.queryForObject("""
                    INSERT INTO oos_referral (case_id, intervention_id, provider_code, status, notes, consent_override_reason, referred_by, referred_at)
                    VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?) RETURNING id""", Long.class, caseId, r.interventionId(), providerCode,
                    blankToNull(r.notes()), override, username(), Timestamp.from(now()));
        } catch (DuplicateKeyException e) {
            throw CaseRejected.conflict("interventionId", "case.error.alreadyReferred");
        }
        event(caseId, "REFERRED", id, providerCode + (override == null ? "" : " · CONSENT_OVERRIDDEN: " + override));
        audit.record(AuditAction.CREATE, "OosReferral", id, "case=" + caseId + " provider=" + providerCode
                + (override == null ? "" : " CONSENT OVERRIDE: " + override));
        return Map.entry(referral(id), true);
    }

    /** The provider accepts a pending referral. */
    @PreAuthorize(PROVIDERS)
    public Referral accept(long referralId, Long version) {
        Referral r = forProvider(referralId);
        move(r, version, EnumSet.of(ReferralStatus.PENDING), "status = 'ACCEPTED', answered_by = ?, answered_at = ?", username(),
                Timestamp.from(now()));
        event(r.caseId(), "REFERRAL_ACCEPTED", referralId, r.providerCode());
        return referral(referralId);
    }

    /** The provider declines a pending referral, with a reason. */
    @PreAuthorize(PROVIDERS)
    public Referral decline(long referralId, Long version, String reason) {
        Referral r = forProvider(referralId);
        List<FieldProblem> errors = new ArrayList<>();
        text(reason, "reason", true, errors);
        invalidIf(errors);
        move(r, version, EnumSet.of(ReferralStatus.PENDING), "status = 'DECLINED', decline_reason = ?, answered_by = ?, answered_at = ?",
                reason.strip(), username(), Timestamp.from(now()));
        event(r.caseId(), "REFERRAL_DECLINED", referralId, reason.strip());
        return referral(referralId);
    }

    /** The provider records an accepted referral done: successful, or not with a reason; the services delivered. */
    @PreAuthorize(PROVIDERS)
    public Referral done(long referralId, Long version, Boolean successful, UnsuccessfulReason reason, String servicesDelivered, LocalDate doneOn) {
        Referral r = forProvider(referralId);
        List<FieldProblem> errors = new ArrayList<>();
        if (successful == null) {
            errors.add(new FieldProblem("successful", "finding.error.required", List.of()));
        } else if (!successful && reason == null) {
            errors.add(new FieldProblem("reason", "case.error.unsuccessfulReason", List.of()));
        }
        LocalDate on = doneOn == null ? today() : doneOn;
        if (on.isAfter(today())) {
            errors.add(new FieldProblem("doneOn", "case.error.future", List.of()));
        }
        text(servicesDelivered, "servicesDelivered", false, errors);
        invalidIf(errors);
        move(r, version, EnumSet.of(ReferralStatus.ACCEPTED), """
                status = 'DONE', successful = ?, unsuccessful_reason = ?, services_delivered = ?, done_on = ?, done_by = ?, done_at = ?""",
                successful, successful ? null : reason.name(), blankToNull(servicesDelivered), on, username(), Timestamp.from(now()));
        if (successful) {
            jdbc.update("UPDATE oos_case_intervention SET carried_out = TRUE WHERE id = ?", r.interventionId());
        }
        event(r.caseId(), "REFERRAL_DONE", referralId, successful ? "SUCCESSFUL" : reason.name());
        return referral(referralId);
    }

    /** The referring province revokes a pending or accepted referral. */
    @PreAuthorize(MANAGERS)
    public Referral revoke(long referralId, Long version, String reason) {
        Referral r = referral(referralId);
        lock(r.caseId(), null, false);
        List<FieldProblem> errors = new ArrayList<>();
        text(reason, "reason", false, errors);
        invalidIf(errors);
        move(r, version, EnumSet.of(ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
                "status = 'REVOKED', revoked_by = ?, revoked_at = ?, revoke_reason = ?", username(), Timestamp.from(now()), blankToNull(reason));
        event(r.caseId(), "REFERRAL_REVOKED", referralId, blankToNull(reason));
        return referral(referralId);
    }

    private Referral forProvider(long referralId) {
        Referral r = referral(referralId);
        AreaScope scope = currentUser.scope();
        if (scope instanceof AreaScope.Provider p ? !p.code().equals(r.providerCode()) : !(scope instanceof AreaScope.National)) {
            throw new AccessDeniedException("Referral " + referralId + " is not to the user's provider");
        }
        return r;
    }

    private void move(Referral r, Long version, Set<ReferralStatus> from, String set, Object... args) {
        if (!from.contains(r.status())) {
            throw CaseRejected.conflict("status", "case.error.referralMove", r.status().name());
        }
        List<Object> all = new ArrayList<>(java.util.Arrays.asList(args));
        all.add(r.id());
        all.add(r.status().name());
        all.add(version == null ? r.version() : version);
        int n = jdbc.update("UPDATE oos_referral SET " + set + ", version = version + 1 WHERE id = ? AND status = ? AND version = ?",
                all.toArray());
        if (n == 0) {
            throw CaseRejected.conflict("version", "case.error.stale");
        }
        jdbc.update("UPDATE oos_case SET version = version + 1 WHERE id = ?", r.caseId());
        audit.record(AuditAction.UPDATE, "OosReferral", r.id(), r.status() + " -> " + set.substring(set.indexOf('\'') + 1, set.indexOf('\'', set.indexOf('\'') + 1)));
    }

    // ------------------------------------------------------------------------------------------- follow-ups, closure

    /**
     * Records a follow-up visit. With doneOn: fills the scheduled visit of that due date if there is one, else records a
     * new one; without: schedules a visit. anotherVisitNeeded with nextDueOn schedules the next. The responsible worker
     * is the one named, or the worker who found the child.
     */
    @PreAuthorize(VISITORS)
    public long followUp(long caseId, Long version, FollowUpData f) {
        Locked c = lock(caseId, version, true);
        List<FieldProblem> errors = new ArrayList<>();
        if (f.dueOn() == null) {
            errors.add(new FieldProblem("dueOn", "finding.error.required", List.of()));
        }
        if (f.doneOn() != null) {
            if (f.doneOn().isAfter(today())) {
                errors.add(new FieldProblem("doneOn", "case.error.future", List.of()));
            }
            if (f.seen() == null) {
                errors.add(new FieldProblem("seen", "finding.error.required", List.of()));
            } else if (!f.seen() && (f.notSeenReason() == null || f.notSeenReason().isBlank())) {
                errors.add(new FieldProblem("notSeenReason", "case.error.notSeenReason", List.of()));
            }
        }
        if (f.anotherVisitNeeded() && f.nextDueOn() != null && f.dueOn() != null && !f.nextDueOn().isAfter(f.dueOn())) {
            errors.add(new FieldProblem("nextDueOn", "case.error.nextDue", List.of()));
        }
        text(f.notSeenReason(), "notSeenReason", false, errors);
        text(f.action(), "action", false, errors);
        invalidIf(errors);
        String responsible = f.responsible() == null || f.responsible().isBlank()
                ? jdbc.queryForObject("SELECT recorded_by FROM found_child WHERE id = ?", String.class, c.foundChildId) : f.responsible().strip();
        Boolean seen = f.doneOn() == null ? null : f.seen();
        String notSeen = seen == null || seen ? null : f.notSeenReason().strip();
        Long id = null;
        if (f.doneOn() != null) {
            id = jdbc.query("""
                    UPDATE oos_follow_up SET done_on = ?, seen = ?, not_seen_reason = ?, action = ?, another_visit_needed = ?, recommend_closure = ?,
                        recorded_by = ?, recorded_at = ?
                    WHERE id = (SELECT min(id) FROM oos_follow_up WHERE case_id = ? AND due_on = ? AND done_on IS NULL) RETURNING id""",
                    (rs, i) -> rs.getLong(1), f.doneOn(), seen, notSeen, blankToNull(f.action()), f.anotherVisitNeeded(), f.recommendClosure(),
                    username(), Timestamp.from(now()), caseId, f.dueOn()).stream().findFirst().orElse(null);
        }
        if (id == null) {
            id = jdbc.queryForObject("""
                    INSERT INTO oos_follow_up (case_id, due_on, done_on, seen, not_seen_reason, action, another_visit_needed, recommend_closure,
                        responsible, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                    caseId, f.dueOn(), f.doneOn(), seen, notSeen, blankToNull(f.action()), f.doneOn() != null && f.anotherVisitNeeded(),
                    f.doneOn() != null && f.recommendClosure(), responsible, username(), Timestamp.from(now()));
        }
        event(caseId, f.doneOn() == null ? "FOLLOW_UP_SCHEDULED" : "FOLLOW_UP_DONE", null,
                f.doneOn() == null ? f.dueOn() + " · " + responsible
                        : (seen ? "SEEN" : "NOT_SEEN: " + notSeen) + (f.recommendClosure() ? " · CLOSURE_RECOMMENDED" : ""));
        if (f.doneOn() != null && f.anotherVisitNeeded() && f.nextDueOn() != null) {
            jdbc.update("""
                    INSERT INTO oos_follow_up (case_id, due_on, responsible, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)""",
                    caseId, f.nextDueOn(), responsible, username(), Timestamp.from(now()));
            event(caseId, "FOLLOW_UP_SCHEDULED", null, f.nextDueOn() + " · " + responsible);
        }
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "follow-up " + id);
        return id;
    }

    /** Closes the case with its outcome; pending and accepted referrals are revoked (the providers' access ends). */
    @PreAuthorize(MANAGERS)
    public void close(long caseId, Long version, CaseOutcome outcome, LocalDate closedOn, String note) {
        lock(caseId, version, true);
        List<FieldProblem> errors = new ArrayList<>();
        if (outcome == null) {
            errors.add(new FieldProblem("outcome", "finding.error.required", List.of()));
        }
        if (closedOn == null) {
            errors.add(new FieldProblem("closedOn", "finding.error.required", List.of()));
        } else if (closedOn.isAfter(today())) {
            errors.add(new FieldProblem("closedOn", "case.error.future", List.of()));
        }
        text(note, "note", false, errors);
        invalidIf(errors);
        Instant now = now();
        for (Referral r : referrals("r.case_id = ? AND r.status IN ('PENDING', 'ACCEPTED')", caseId)) {
            jdbc.update("UPDATE oos_referral SET status = 'REVOKED', revoked_by = ?, revoked_at = ?, revoke_reason = 'case closed', "
                    + "version = version + 1 WHERE id = ?", username(), Timestamp.from(now), r.id());
            event(caseId, "REFERRAL_REVOKED", r.id(), "CASE_CLOSED");
        }
        jdbc.update("UPDATE oos_case SET outcome = ?, closed_on = ?, closure_note = ?, closed_by = ? WHERE id = ?", outcome.name(), closedOn,
                blankToNull(note), username(), caseId);
        event(caseId, "CLOSED", null, outcome.name() + (blankToNull(note) == null ? "" : ": " + note.strip()));
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "closed " + outcome);
    }

    /**
     * Reopens a closed case: the closure is cleared (it stays in the timeline), the plan needs approving again, and only
     * referrals made from now on count for the stage: the case returns to ASSESSED. Refused while the child has another open case.
     */
    @PreAuthorize(MANAGERS)
    public void reopen(long caseId, Long version, String reason) {
        Locked c = lock(caseId, version, false);
        if (!c.closed) {
            throw CaseRejected.conflict("status", "case.error.notClosed");
        }
        List<FieldProblem> errors = new ArrayList<>();
        text(reason, "reason", true, errors);
        invalidIf(errors);
        try {
            jdbc.update("""
                    UPDATE oos_case SET outcome = NULL, closed_on = NULL, closure_note = NULL, closed_by = NULL, reopened_at = ?,
                        plan_status = CASE WHEN plan_status IS NULL THEN NULL ELSE 'DRAFT' END, plan_approved_at = NULL WHERE id = ?""",
                    Timestamp.from(now()), caseId);
        } catch (DuplicateKeyException e) {
            throw CaseRejected.conflict("foundChildId", "case.error.anotherOpen");
        }
        event(caseId, "REOPENED", null, reason.strip());
        audit.record(AuditAction.UPDATE, "OosCase", caseId, "reopened");
    }

    // ------------------------------------------------------------------------------------------- reading

    /** A case as the caller may see it; the read is audited (channel: API or SCREEN). */
    @PreAuthorize(READERS)
    public CaseView read(long caseId, String channel) {
        Head h = head(caseId).orElseThrow(() -> new NotFoundException("case " + caseId));
        AreaScope scope = currentUser.scope();
        boolean full = scope.coversSubdistrict(h.subdistrictCode);
        String providerCode = scope instanceof AreaScope.Provider p ? p.code() : null;
        List<Referral> referrals = referrals("r.case_id = ?", caseId);
        if (!full) {
            if (providerCode == null || referrals.stream().noneMatch(r -> r.providerCode().equals(providerCode) && r.status().live())) {
                throw new AccessDeniedException("Case " + caseId + " is outside the user's area");
            }
        }
        audit.record(AuditAction.READ, "OosCase", caseId, channel + (full ? "" : " provider " + providerCode));
        FoundChildren.FoundChild fc = jdbc.query("SELECT f.* FROM found_child f WHERE f.id = ?", (rs, i) -> childRow(rs), h.foundChildId).get(0);
        ConsentView consent = consent(caseId);
        CaseStage stage = stageOf(h, referrals);
        List<TimelineEntry> timeline = new ArrayList<>(jdbc.query("""
                SELECT at, on_date, kind, actor, detail, referral_id FROM oos_case_event WHERE case_id = ? ORDER BY at, id""",
                (rs, i) -> new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6, Long.class)), caseId));
        if (!full) {
            boolean shared = consent != null && consent.allows(ConsentScope.SHARE_WITH_PROVIDER);
            // the province's reason to refer without consent stays with the province
            List<Referral> mine = referrals.stream().filter(r -> r.providerCode().equals(providerCode))
                    .map(r -> new Referral(r.id(), r.caseId(), r.interventionId(), r.providerCode(), r.status(), r.notes(), null, r.referredBy(),
                            r.referredAt(), r.answeredBy(), r.answeredAt(), r.declineReason(), r.successful(), r.unsuccessfulReason(),
                            r.servicesDelivered(), r.doneOn(), r.revokeReason(), r.version())).toList();
            Set<Long> mineIds = new HashSet<>(mine.stream().map(Referral::id).toList());
            Set<Long> interventions = new HashSet<>(mine.stream().map(Referral::interventionId).toList());
            PlanView plan = plan(caseId, false);
            PlanView limited = plan == null ? null : new PlanView(null, plan.status(), null, null, null, plan.everApproved(),
                    plan.interventions().stream().filter(i -> interventions.contains(i.id())).toList());
            CaseChild child = new CaseChild(null, shared ? fc.nationalId() : null, shared ? fc.firstName() : null,
                    shared ? fc.lastName() : null, shared ? fc.birthDate() : null, fc.ageYears(), fc.ageBand(), fc.sex(),
                    shared ? fc.houseNo() : null, shared ? fc.villageNo() : null, fc.subdistrictCode(), fc.provinceCode(),
                    shared ? fc.guardianPhone() : null, fc.needs(), shared);
            return new CaseView(caseId, h.version, stage, child, null, null, limited, mine, List.of(), null,
                    timeline.stream().filter(t -> t.referralId() != null && mineIds.contains(t.referralId()))
                            .map(t -> t.kind().equals("REFERRED") ? new TimelineEntry(t.at(), t.on(), t.kind(), t.actor(), providerCode, t.referralId()) : t)
                            .toList(), true, null, null);
        }
        CaseChild child = new CaseChild(fc.id(), fc.nationalId(), fc.firstName(), fc.lastName(), fc.birthDate(), fc.ageYears(), fc.ageBand(),
                fc.sex(), fc.houseNo(), fc.villageNo(), fc.subdistrictCode(), fc.provinceCode(), fc.guardianPhone(), fc.needs(), true);
        AssessmentView assessment = jdbc.query("SELECT assessed_on, assessed_by, assessed_needs, family_situation, youth_goals, risks "
                + "FROM oos_case WHERE id = ? AND assessed_on IS NOT NULL", (rs, i) -> new AssessmentView(rs.getObject(1, LocalDate.class),
                rs.getString(2), enums(Need.class, rs.getArray(3)), rs.getString(4), rs.getString(5), rs.getString(6)), caseId)
                .stream().findFirst().orElse(null);
        List<FollowUp> followUps = jdbc.query("""
                SELECT id, due_on, done_on, seen, not_seen_reason, action, another_visit_needed, recommend_closure, responsible, recorded_by
                FROM oos_follow_up WHERE case_id = ? ORDER BY due_on, id""", (rs, i) -> new FollowUp(rs.getLong(1), rs.getObject(2, LocalDate.class),
                rs.getObject(3, LocalDate.class), (Boolean) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
                rs.getString(9), rs.getString(10)), caseId);
        Closure closure = jdbc.query("SELECT outcome, closed_on, closure_note, closed_by FROM oos_case WHERE id = ? AND closed_on IS NOT NULL",
                (rs, i) -> new Closure(CaseOutcome.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)),
                caseId).stream().findFirst().orElse(null);
        timeline.addAll(screeningEntries(fc.nationalId()));
        timeline.addAll(paymentEntries(caseId));
        timeline.sort(Comparator.comparing(TimelineEntry::on).thenComparing(TimelineEntry::at));
        return new CaseView(caseId, h.version, stage, child, consent, assessment, plan(caseId, false), referrals, followUps, closure, timeline,
                false, h.openedBy, h.openedAt);
    }

    /** The case's payments (step 3, OOS_YOUTH): one PAYMENT entry per ledger entry of each of its lines. */
    private List<TimelineEntry> paymentEntries(long caseId) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (CasePayments source : payments) {
            for (CasePayments.Line l : source.ofCase(caseId)) {
                for (CasePayments.Entry e : l.entries()) {
                    entries.add(new TimelineEntry(e.recordedAt(), e.recordedAt().atZone(BANGKOK).toLocalDate(), "PAYMENT", e.recordedBy(),
                            e.kind() + " " + l.payeeType() + " " + l.payeeName() + " " + org.eduequity.shared.Money.grouped(e.amount())
                                    + " " + l.programmeCode() + " " + l.term() + " " + l.lineRef() + (e.reason() == null ? "" : " " + e.reason()),
                            null));
                }
            }
        }
        return entries;
    }

    /** The case's payment lines with their ledger entries (the ledger of a case), for those who see the whole case. */
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    @Transactional(readOnly = true)
    public List<CasePayments.Line> payments(long caseId) {
        Head h = head(caseId).orElseThrow(() -> new NotFoundException("case " + caseId));
        if (!currentUser.scope().coversSubdistrict(h.subdistrictCode)) {
            throw new AccessDeniedException("Case " + caseId + " is outside the user's area");
        }
        List<CasePayments.Line> lines = new ArrayList<>();
        payments.forEach(p -> lines.addAll(p.ofCase(caseId)));
        return lines;
    }

    /** The poverty screening results of the child with the found child's national id (read through the screening module). */
    private List<TimelineEntry> screeningEntries(String nationalId) {
        if (nationalId == null || !NationalId.isValid(nationalId)) {
            return List.of();
        }
        Optional<Long> childId = children.idOf(NationalId.of(nationalId));
        if (childId.isEmpty()) {
            return List.of();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (ScreeningResult r : screening.historyOfChild(childId.get())) {
            entries.add(new TimelineEntry(r.computedAt(), r.computedAt().atZone(BANGKOK).toLocalDate(), "SCREENING", "system",
                    r.term() + " " + r.classification().name() + (r.hardshipScore() == null ? "" : " hardship=" + r.hardshipScore())
                            + (r.perCapitaIncome() == null ? "" : " perCapitaIncome=" + r.perCapitaIncome().toPlainString()), null));
        }
        return entries;
    }

    /** One page of a province's cases and how many there are in all (with the filter). */
    public record CasePage(List<CaseRow> rows, long total, int page, int size) {
        public int pages() {
            return (int) ((total + size - 1) / size);
        }
    }

    /** Cases on a page of the list screen. */
    public static final int PAGE_SIZE = 50;

    /**
     * The stage of {@code oos_case c} in SQL, the same rules as {@link CaseStage#of} (a test compares them on every case):
     * closed; not assessed; plan not approved since (re)opening; a referral made since accepted; one done and none pending.
     */
    static final String STAGE_SQL = """
            CASE WHEN c.closed_on IS NOT NULL THEN 'CLOSED'
                 WHEN c.assessed_on IS NULL THEN 'OPENED'
                 WHEN c.plan_approved_at IS NULL THEN 'ASSESSED'
                 WHEN rf.accepted THEN 'IN_SERVICE'
                 WHEN rf.done AND NOT COALESCE(rf.pending, FALSE) THEN 'SERVICES_DONE'
                 ELSE 'PLANNED' END""";

    private static final String STAGED_CASES = """
            SELECT c.id, c.found_child_id, f.first_name || ' ' || f.last_name AS child_name, c.subdistrict_code, c.opened_at, c.outcome,
                   %s AS stage
            FROM oos_case c JOIN found_child f ON f.id = c.found_child_id
            LEFT JOIN LATERAL (SELECT bool_or(r.status = 'ACCEPTED') AS accepted, bool_or(r.status = 'DONE') AS done,
                                      bool_or(r.status = 'PENDING') AS pending
                               FROM oos_referral r WHERE r.case_id = c.id AND (c.reopened_at IS NULL OR r.referred_at > c.reopened_at)) rf ON TRUE
            WHERE c.province_code = ? AND %s""";

    /**
     * A page of the cases of a province within the caller's area, newest first, optionally of one stage: the stage is computed
     * in SQL (one query a page, whatever the number of cases).
     */
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    @Transactional(readOnly = true)
    public CasePage page(String provinceCode, CaseStage stage, int page, int size) {
        AreaScope scope = currentUser.scope();
        if (!scope.touchesProvince(provinceCode)) {
            throw new AccessDeniedException("Province " + provinceCode + " is outside the user's area");
        }
        int theSize = Math.max(1, Math.min(size, 2000));
        int thePage = Math.max(0, page);
        AreaScope.SqlPredicate in = scope.sqlBySubdistrict("c.province_code", "c.subdistrict_code");
        String staged = STAGED_CASES.formatted(STAGE_SQL, in.sql());
        List<Object> args = new ArrayList<>();
        args.add(provinceCode);
        args.addAll(in.args());
        args.add(stage == null ? null : stage.name());
        args.add(stage == null ? null : stage.name());
        long total = jdbc.queryForObject("SELECT count(*) FROM (" + staged + ") s WHERE (?::text IS NULL OR s.stage = ?)", Long.class,
                args.toArray());
        args.add(theSize);
        args.add((long) thePage * theSize);
        List<CaseRow> rows = jdbc.query("SELECT * FROM (" + staged + ") s WHERE (?::text IS NULL OR s.stage = ?) "
                        + "ORDER BY s.opened_at DESC, s.id DESC LIMIT ? OFFSET ?",
                (rs, i) -> new CaseRow(rs.getLong("id"), rs.getLong("found_child_id"), rs.getString("child_name"), rs.getString("subdistrict_code"),
                        CaseStage.valueOf(rs.getString("stage")), rs.getTimestamp("opened_at").toInstant(), rs.getString("outcome")), args.toArray());
        return new CasePage(rows, total, thePage, theSize);
    }

    /** How many cases of the province (within the caller's area) are at each stage (every stage, zero when none). */
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    @Transactional(readOnly = true)
    public Map<CaseStage, Long> countByStage(String provinceCode) {
        AreaScope scope = currentUser.scope();
        if (!scope.touchesProvince(provinceCode)) {
            throw new AccessDeniedException("Province " + provinceCode + " is outside the user's area");
        }
        AreaScope.SqlPredicate in = scope.sqlBySubdistrict("c.province_code", "c.subdistrict_code");
        List<Object> args = new ArrayList<>();
        args.add(provinceCode);
        args.addAll(in.args());
        Map<CaseStage, Long> counts = new java.util.EnumMap<>(CaseStage.class);
        for (CaseStage s : CaseStage.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT s.stage, count(*) FROM (" + STAGED_CASES.formatted(STAGE_SQL, in.sql()) + ") s GROUP BY s.stage",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(CaseStage.valueOf(rs.getString(1)), rs.getLong(2)),
                args.toArray());
        return counts;
    }

    /** The newest cases of a province within the caller's area (at most 2,000), optionally of one stage. */
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    @Transactional(readOnly = true)
    public List<CaseRow> list(String provinceCode, CaseStage stage) {
        return page(provinceCode, stage, 0, 2000).rows();
    }

    /** The live referrals to the caller's provider (its inbox), newest first. */
    @PreAuthorize("hasRole('PROVIDER')")
    @Transactional(readOnly = true)
    public List<InboxRow> inbox() {
        if (!(currentUser.scope() instanceof AreaScope.Provider p)) {
            return List.of();
        }
        return jdbc.query("""
                SELECT r.id, r.case_id, r.status, i.service_type, i.goal, i.target_date, r.referred_at, r.version, f.age_years, f.subdistrict_code,
                       CASE WHEN 'SHARE_WITH_PROVIDER' = ANY (k.scopes) AND k.withdrawn_on IS NULL THEN f.first_name || ' ' || f.last_name END AS name
                FROM oos_referral r JOIN oos_case_intervention i ON i.id = r.intervention_id JOIN oos_case c ON c.id = r.case_id
                JOIN found_child f ON f.id = c.found_child_id
                LEFT JOIN LATERAL (SELECT scopes, withdrawn_on FROM oos_case_consent WHERE case_id = r.case_id ORDER BY id DESC LIMIT 1) k ON TRUE
                WHERE r.provider_code = ? AND r.status IN ('PENDING', 'ACCEPTED') ORDER BY r.status DESC, r.referred_at DESC""",
                (rs, i) -> new InboxRow(rs.getLong(1), rs.getLong(2), ReferralStatus.valueOf(rs.getString(3)), Need.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString("name"), rs.getInt(9), rs.getString(10),
                        rs.getTimestamp(7).toInstant(), rs.getLong(8)), p.code());
    }

    /** The caller's follow-up visits that are overdue (due before today, not done) on open cases. */
    @Transactional(readOnly = true)
    public List<OverdueFollowUp> overdueForMe() {
        return jdbc.query("""
                SELECT u.id, u.case_id, f.first_name || ' ' || f.last_name, u.due_on, c.subdistrict_code FROM oos_follow_up u
                JOIN oos_case c ON c.id = u.case_id JOIN found_child f ON f.id = c.found_child_id
                WHERE u.responsible = ? AND u.done_on IS NULL AND u.due_on < ? AND c.closed_on IS NULL ORDER BY u.due_on, u.id LIMIT 50""",
                (rs, i) -> new OverdueFollowUp(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5)),
                username(), today());
    }

    /** The stage of one case. */
    @Transactional(readOnly = true)
    public CaseStage stage(long caseId) {
        Head h = head(caseId).orElseThrow(() -> new NotFoundException("case " + caseId));
        return stageOf(h, referrals("r.case_id = ?", caseId));
    }

    private Map<Long, CaseStage> stages(List<Long> ids) {
        Map<Long, CaseStage> out = new java.util.HashMap<>();
        for (long id : ids) {
            out.put(id, stage(id));
        }
        return out;
    }

    private static CaseStage stageOf(Head h, List<Referral> referrals) {
        List<ReferralStatus> counted = referrals.stream().filter(r -> h.reopenedAt == null || r.referredAt().isAfter(h.reopenedAt))
                .map(Referral::status).toList();
        return CaseStage.of(new CaseStage.Facts(h.assessed, h.planApproved, counted, h.closed));
    }

    /** A referral (no scope check: callers check it). */
    @Transactional(readOnly = true)
    public Referral referral(long id) {
        return referrals("r.id = ?", id).stream().findFirst().orElseThrow(() -> new NotFoundException("referral " + id));
    }

    private List<Referral> referrals(String where, Object... args) {
        return jdbc.query("SELECT r.* FROM oos_referral r WHERE " + where + " ORDER BY r.id", (rs, i) -> new Referral(rs.getLong("id"),
                rs.getLong("case_id"), rs.getLong("intervention_id"), rs.getString("provider_code"), ReferralStatus.valueOf(rs.getString("status")),
                rs.getString("notes"), rs.getString("consent_override_reason"), rs.getString("referred_by"), rs.getTimestamp("referred_at").toInstant(),
                rs.getString("answered_by"), instant(rs, "answered_at"), rs.getString("decline_reason"), (Boolean) rs.getObject("successful"),
                rs.getString("unsuccessful_reason") == null ? null : UnsuccessfulReason.valueOf(rs.getString("unsuccessful_reason")),
                rs.getString("services_delivered"), rs.getObject("done_on", LocalDate.class), rs.getString("revoke_reason"), rs.getLong("version")),
                args);
    }

    private ConsentView consent(long caseId) {
        return jdbc.query("""
                SELECT id, given_by, giver_name, given_on, scopes, recorded_by, withdrawn_on, withdrawal_reason, guardian_national_id
                FROM oos_case_consent WHERE case_id = ? ORDER BY id DESC LIMIT 1""", (rs, i) -> new ConsentView(rs.getLong(1),
                ConsentGiver.valueOf(rs.getString(2)), rs.getString(3), rs.getObject(4, LocalDate.class),
                Set.copyOf(enums(ConsentScope.class, rs.getArray(5))), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8),
                rs.getString(9)), caseId).stream().findFirst().orElse(null);
    }

    private PlanView plan(long caseId, boolean unused) {
        List<Intervention> interventions = jdbc.query("""
                SELECT id, service_type, provider_code, goal, responsible, target_date, monitoring, carried_out FROM oos_case_intervention
                WHERE case_id = ? ORDER BY position, id""", (rs, i) -> new Intervention(rs.getLong(1), Need.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), Monitoring.valueOf(rs.getString(7)), rs.getBoolean(8)), caseId);
        return jdbc.query("SELECT plan_goals, plan_status, plan_comment, plan_decided_by, plan_decided_at, plan_approved_at FROM oos_case "
                + "WHERE id = ? AND plan_status IS NOT NULL", (rs, i) -> new PlanView(rs.getString(1), PlanStatus.valueOf(rs.getString(2)),
                rs.getString(3), rs.getString(4), instant(rs, "plan_decided_at"), rs.getTimestamp(6) != null, interventions), caseId)
                .stream().findFirst().orElse(null);
    }

    // ------------------------------------------------------------------------------------------- internals

    private record Head(long id, long foundChildId, String subdistrictCode, String provinceCode, boolean assessed, String planStatus,
                        boolean planApproved, boolean closed, Instant reopenedAt, long version, String openedBy, Instant openedAt) {
    }

    private record Locked(long id, long foundChildId, boolean assessed, String planStatus, boolean closed) {
    }

    private Optional<Head> head(long caseId) {
        return jdbc.query("""
                SELECT id, found_child_id, subdistrict_code, province_code, assessed_on IS NOT NULL, plan_status, plan_approved_at IS NOT NULL,
                       closed_on IS NOT NULL, reopened_at, version, opened_by, opened_at FROM oos_case WHERE id = ?""",
                (rs, i) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                        rs.getBoolean(7), rs.getBoolean(8), instant(rs, "reopened_at"), rs.getLong(10), rs.getString(11),
                        rs.getTimestamp(12).toInstant()), caseId).stream().findFirst();
    }

    /**
     * Locks the case row for this change: it must exist (404), lie in the caller's area (403), be at the version the
     * caller saw when one is given (409), and be open when the change needs it (409). Its version goes up by one.
     */
    private Locked lock(long caseId, Long expectedVersion, boolean mustBeOpen) {
        List<Object[]> rows = jdbc.query("""
                SELECT found_child_id, subdistrict_code, version, assessed_on IS NOT NULL, plan_status, closed_on IS NOT NULL
                FROM oos_case WHERE id = ? FOR UPDATE""", (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                rs.getString(5), rs.getBoolean(6)}, caseId);
        if (rows.isEmpty()) {
            throw new NotFoundException("case " + caseId);
        }
        Object[] r = rows.get(0);
        if (!currentUser.scope().coversSubdistrict((String) r[1])) {
            throw new AccessDeniedException("Case " + caseId + " is outside the user's area");
        }
        if (expectedVersion != null && expectedVersion != (long) (Long) r[2]) {
            throw CaseRejected.conflict("version", "case.error.stale");
        }
        if (mustBeOpen && (Boolean) r[5]) {
            throw CaseRejected.conflict("status", "case.error.closed");
        }
        jdbc.update("UPDATE oos_case SET version = version + 1 WHERE id = ?", caseId);
        return new Locked(caseId, (Long) r[0], (Boolean) r[3], (String) r[4], (Boolean) r[5]);
    }

    private void event(long caseId, String kind, Long referralId, String detail) {
        jdbc.update("INSERT INTO oos_case_event (case_id, at, on_date, actor, kind, referral_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                caseId, Timestamp.from(now()), today(), username(), kind, referralId,
                detail == null ? null : detail.length() > MAX_TEXT ? detail.substring(0, MAX_TEXT) : detail);
    }

    private static void text(String value, String field, boolean required, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldProblem(field, "finding.error.required", List.of()));
            }
        } else if (value.strip().length() > MAX_TEXT) {
            errors.add(new FieldProblem(field, "finding.error.tooLong", List.of(MAX_TEXT)));
        }
    }

    private static void invalidIf(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
    }

    private String username() {
        return currentUser.principal().map(AccountPrincipal::getUsername).orElse("system");
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BANGKOK));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Object[] append(Object[] values, Object more) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = more;
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static FoundChildren.FoundChild childRow(ResultSet rs) throws SQLException {
        return FoundChildren.ROW.mapRow(rs, 0);
    }

    private static <E extends Enum<E>> List<E> enums(Class<E> type, Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        EnumSet<E> set = EnumSet.noneOf(type);
        for (Object o : (Object[]) array.getArray()) {
            set.add(Enum.valueOf(type, (String) o));
        }
        return List.copyOf(set);
    }

    /** Shorthands for {@link FindingRejectedException}s of cases. */
    static final class CaseRejected {
        private CaseRejected() {
        }

        static FindingRejectedException conflict(String field, String key, Object... args) {
            return FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, field, key, args);
        }

        static FindingRejectedException invalid(String field, String key, Object... args) {
            return FindingRejectedException.of(FindingRejectedException.Reason.INVALID, field, key, args);
        }

        static FindingRejectedException forbidden(String field, String key, Object... args) {
            return FindingRejectedException.of(FindingRejectedException.Reason.FORBIDDEN, field, key, args);
        }
    }
}
