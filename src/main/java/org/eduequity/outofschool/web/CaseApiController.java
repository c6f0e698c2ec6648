package org.eduequity.outofschool.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eduequity.outofschool.CaseOutcome;
import org.eduequity.outofschool.Cases;
import org.eduequity.outofschool.ConsentGiver;
import org.eduequity.outofschool.ConsentScope;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.Monitoring;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.UnsuccessfulReason;
import org.eduequity.survey.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The cases API of docs/out-of-school.md: open a case with its consent, read it (stage and timeline; audited), the
 * assessment, the care plan and its approval, referrals and their moves, follow-ups, closure; and consent, withdrawal and
 * reopening. Every change takes an optional {@code version} (the case's, or the referral's for its moves): a stale one is
 * a 409. Errors are problem+json with one entry per field.
 */
@RestController
@RequestMapping("/api/v1")
class CaseApiController {

    private final Cases cases;
    private final MessageSource messages;

    CaseApiController(Cases cases, MessageSource messages) {
        this.cases = cases;
        this.messages = messages;
    }

    record ConsentBody(ConsentGiver givenBy, String giverName, LocalDate givenOn, Set<ConsentScope> scopes, String guardianNationalId,
                       Long version) {
        Cases.Consent consent() {
            return new Cases.Consent(givenBy, giverName, givenOn, scopes == null ? Set.of() : scopes, guardianNationalId);
        }
    }

    record OpenBody(Long foundChildId, ConsentBody consent) {
    }

    /** 201 {id, stage}; the child's open case again: 200 with it (never two open cases). */
    @PostMapping(path = "/cases", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> open(@RequestBody OpenBody body) {
        if (body.foundChildId() == null) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID,
                    List.of(new FieldProblem("foundChildId", "finding.error.required", List.of())));
        }
        Cases.Receipt r = cases.open(body.foundChildId(), body.consent() == null ? null : body.consent().consent());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("stage", r.stage().name());
        return r.created() ? ResponseEntity.created(URI.create("/api/v1/cases/" + r.id())).body(out) : ResponseEntity.ok(out);
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN', 'PROVIDER')")
    Map<String, Object> get(@PathVariable long id) {
        return CaseJson.of(cases.read(id, "API"));
    }

    @PostMapping(path = "/cases/{id}/consent", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> consent(@PathVariable long id, @RequestBody ConsentBody body) {
        cases.giveConsent(id, body.version(), body.consent());
        return stage(id);
    }

    record WithdrawBody(LocalDate withdrawnOn, String reason, Long version) {
    }

    @PostMapping(path = "/cases/{id}/consent/withdrawal", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> withdraw(@PathVariable long id, @RequestBody WithdrawBody body) {
        cases.withdrawConsent(id, body.version(), body.withdrawnOn(), body.reason());
        return stage(id);
    }

    record AssessmentBody(LocalDate assessedOn, String assessedBy, Set<Need> needs, String familySituation, String goals, String risks,
                          Long version) {
    }

    @PutMapping(path = "/cases/{id}/assessment", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> assess(@PathVariable long id, @RequestBody AssessmentBody b) {
        cases.assess(id, b.version(), new Cases.Assessment(b.assessedOn(), b.assessedBy(), b.needs() == null ? Set.of() : b.needs(),
                b.familySituation(), b.goals(), b.risks()));
        return stage(id);
    }

    record InterventionBody(Long id, Need serviceType, String providerCode, String goal, String responsible, LocalDate targetDate,
                            Monitoring monitoring, Boolean carriedOut) {
    }

    record PlanBody(String goals, List<InterventionBody> interventions, Long version) {
    }

    /** 200 with the plan (its interventions with their ids); the plan is DRAFT until approved (again). */
    @PutMapping(path = "/cases/{id}/care-plan", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> plan(@PathVariable long id, @RequestBody PlanBody b) {
        Cases.PlanView plan = cases.plan(id, b.version(), new Cases.PlanData(b.goals(), b.interventions() == null ? List.of()
                : b.interventions().stream().map(i -> new Cases.InterventionData(i.id(), i.serviceType(), i.providerCode(), i.goal(),
                i.responsible(), i.targetDate(), i.monitoring(), Boolean.TRUE.equals(i.carriedOut()))).toList()));
        Map<String, Object> out = CaseJson.plan(plan);
        out.put("stage", cases.stage(id).name());
        return out;
    }

    record ApprovalBody(String decision, String comment, Long version) {
    }

    @PostMapping(path = "/cases/{id}/care-plan/approval", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> approval(@PathVariable long id, @RequestBody ApprovalBody b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", cases.decidePlan(id, b.version(), b.decision(), b.comment()).name());
        out.put("stage", cases.stage(id).name());
        return out;
    }

    record ReferralBody(String providerCode, Long interventionId, String notes, String consentOverrideReason, Long version) {
    }

    /** 201 {id, status}; the same live referral again: 200 with it. */
    @PostMapping(path = "/cases/{id}/referrals", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> refer(@PathVariable long id, @RequestBody ReferralBody b) {
        Map.Entry<Cases.Referral, Boolean> r = cases.refer(id, b.version(), new Cases.ReferralData(b.providerCode(), b.interventionId(), b.notes(),
                b.consentOverrideReason()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.getKey().id());
        out.put("status", r.getKey().status().name());
        out.put("version", r.getKey().version());
        return r.getValue() ? ResponseEntity.created(URI.create("/api/v1/referrals/" + r.getKey().id())).body(out) : ResponseEntity.ok(out);
    }

    record MoveBody(String reason, Boolean successful, String servicesDelivered, LocalDate doneOn, Long version) {
    }

    private static final MoveBody EMPTY = new MoveBody(null, null, null, null, null);

    @PostMapping("/referrals/{id}/accept")
    @PreAuthorize("hasAnyRole('PROVIDER', 'ADMIN')")
    Map<String, Object> accept(@PathVariable long id, @RequestBody(required = false) MoveBody b) {
        return moved(cases.accept(id, (b == null ? EMPTY : b).version()));
    }

    @PostMapping("/referrals/{id}/decline")
    @PreAuthorize("hasAnyRole('PROVIDER', 'ADMIN')")
    Map<String, Object> decline(@PathVariable long id, @RequestBody(required = false) MoveBody b) {
        MoveBody m = b == null ? EMPTY : b;
        return moved(cases.decline(id, m.version(), m.reason()));
    }

    @PostMapping("/referrals/{id}/done")
    @PreAuthorize("hasAnyRole('PROVIDER', 'ADMIN')")
    Map<String, Object> done(@PathVariable long id, @RequestBody(required = false) MoveBody b) {
        MoveBody m = b == null ? EMPTY : b;
        UnsuccessfulReason reason = null;
        if (m.reason() != null && !m.reason().isBlank()) {
            try {
                reason = UnsuccessfulReason.valueOf(m.reason().strip());
            } catch (IllegalArgumentException e) {
                throw new FindingRejectedException(FindingRejectedException.Reason.INVALID,
                        List.of(new FieldProblem("reason", "case.error.unsuccessfulReason", List.of())));
            }
        }
        return moved(cases.done(id, m.version(), m.successful(), reason, m.servicesDelivered(), m.doneOn()));
    }

    @PostMapping("/referrals/{id}/revoke")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> revoke(@PathVariable long id, @RequestBody(required = false) MoveBody b) {
        MoveBody m = b == null ? EMPTY : b;
        return moved(cases.revoke(id, m.version(), m.reason()));
    }

    private static Map<String, Object> moved(Cases.Referral r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("status", r.status().name());
        out.put("version", r.version());
        return out;
    }

    record FollowUpBody(LocalDate dueOn, LocalDate doneOn, Boolean seen, String notSeenReason, String action, Boolean anotherVisitNeeded,
                        LocalDate nextDueOn, Boolean recommendClosure, String responsible, Long version) {
    }

    @PostMapping(path = "/cases/{id}/follow-ups", consumes = "application/json")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> followUp(@PathVariable long id, @RequestBody FollowUpBody b) {
        long fid = cases.followUp(id, b.version(), new Cases.FollowUpData(b.dueOn(), b.doneOn(), b.seen(), b.notSeenReason(), b.action(),
                Boolean.TRUE.equals(b.anotherVisitNeeded()), b.nextDueOn(), Boolean.TRUE.equals(b.recommendClosure()), b.responsible()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", fid);
        out.put("stage", cases.stage(id).name());
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    record ClosureBody(CaseOutcome outcome, LocalDate closedOn, String note, Long version) {
    }

    @PostMapping(path = "/cases/{id}/closure", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> close(@PathVariable long id, @RequestBody ClosureBody b) {
        cases.close(id, b.version(), b.outcome(), b.closedOn(), b.note());
        return stage(id);
    }

    record ReopenBody(String reason, Long version) {
    }

    @PostMapping(path = "/cases/{id}/reopen", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    Map<String, Object> reopen(@PathVariable long id, @RequestBody ReopenBody b) {
        cases.reopen(id, b.version(), b.reason());
        return stage(id);
    }

    private Map<String, Object> stage(long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("stage", cases.stage(id).name());
        return out;
    }

    @ExceptionHandler(FindingRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(FindingRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(text("api.error.title." + status.value()));
        problem.setDetail(e.problems().size() == 1 && status != HttpStatus.BAD_REQUEST
                ? text(e.problems().get(0).messageKey(), e.problems().get(0).args().toArray()) : text("finding.problem." + e.reason().name()));
        problem.setProperty("errors", e.problems().stream().map(p -> Map.<String, Object>of("field", p.field(),
                "message", text(p.messageKey(), p.args().toArray()))).toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<ProblemDetail> unreadable(JacksonException e) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(text("api.error.title.400"));
        problem.setDetail(text("survey.error.json", e.getOriginalMessage()));
        problem.setProperty("errors", List.of(Map.of("field", FindingParams.path(e), "message", text("survey.error.json", e.getOriginalMessage()))));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
