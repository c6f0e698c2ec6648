package org.eduequity.screening.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.screening.Classification;
import org.eduequity.screening.RuleProblem;
import org.eduequity.screening.RuleSet;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningRefusedException;
import org.eduequity.screening.ScreeningRun;
import org.eduequity.screening.ScreeningRuns;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.eduequity.screening.ScreeningJson;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Screening results over the API (survey-format.md). */
@RestController
@RequestMapping("/api/v1")
class ScreeningApiController {

    private final Screening screening;
    private final JdbcTemplate jdbc;
    private final CurrentArea area;

    private final ScreeningRuns runs;
    private final RuleSets ruleSets;
    private final MessageSource messages;
    private final Clock clock;

    ScreeningApiController(Screening screening, JdbcTemplate jdbc, CurrentArea area, ScreeningRuns runs, RuleSets ruleSets,
                           MessageSource messages, Clock clock) {
        this.runs = runs;
        this.ruleSets = ruleSets;
        this.messages = messages;
        this.clock = clock;
        this.screening = screening;
        this.jdbc = jdbc;
        this.area = area;
    }

    /** The student's current screening result for a term, for users whose area covers the child. */
    @GetMapping("/children/{nationalId}/screening")
    Map<String, Object> current(@PathVariable String nationalId, @RequestParam String term) {
        NationalId id = NationalId.of(nationalId);
        String theTerm = Term.parse(term).toString();
        Map<String, Object> child = jdbc.queryForList("SELECT id, org_unit_id, province_code FROM child WHERE national_id = ?", id.value())
                .stream().findFirst().orElseThrow(() -> new NotFoundException("child " + id.value()));
        area.requireOrgUnit(((Number) child.get("org_unit_id")).longValue(), (String) child.get("province_code"));
        return screening.currentOfChild(((Number) child.get("id")).longValue(), theTerm)
                .map(r -> ScreeningJson.of(id.value(), r))
                .orElseThrow(() -> new NotFoundException("screening of " + id.value() + " in " + theTerm));
    }

    /** What {@code POST /api/v1/screening-runs} takes: a term, optionally one province, and a published rule-set version. */
    record RunRequest(String term, String province, RuleSetRef ruleSet) {
    }

    record RuleSetRef(String code, String version) {
    }

    /** Starts re-screening a term: 202 with the run, which continues in the background. */
    @PostMapping(path = "/screening-runs", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    ResponseEntity<Map<String, Object>> startRun(@RequestBody RunRequest request) {
        RuleSet set = request.ruleSet() == null || request.ruleSet().code() == null || request.ruleSet().version() == null ? null
                : ruleSets.byCodeAndVersion(request.ruleSet().code(), request.ruleSet().version()).orElse(null);
        if (set == null) {
            throw ScreeningRefusedException.invalid(List.of(RuleProblem.of("ruleSet", "runs.error.ruleSet")));
        }
        ScreeningRun run = runs.startRescreen(request.term(), request.province(), set.id());
        return ResponseEntity.accepted().location(URI.create("/api/v1/screening-runs/" + run.id())).body(runJson(run));
    }

    /** A run's status, counts per class and duration. */
    @GetMapping("/screening-runs/{id}")
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    Map<String, Object> run(@PathVariable long id) {
        return runJson(runs.get(id));
    }

    private Map<String, Object> runJson(ScreeningRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("kind", run.kind().name());
        json.put("term", run.term());
        json.put("province", run.provinceCode());
        json.put("ruleSet", run.ruleSetLabel());
        if (run.compareRuleSetLabel() != null) {
            json.put("compareRuleSet", run.compareRuleSetLabel());
        }
        json.put("status", run.status().name());
        json.put("households", run.householdsTotal());
        json.put("householdsDone", run.householdsDone());
        json.put("percent", run.percent());
        Map<String, Integer> students = new LinkedHashMap<>();
        Map<String, Integer> households = new LinkedHashMap<>();
        for (Classification c : Classification.values()) {
            students.put(c.name(), 0);
            households.put(c.name(), 0);
        }
        for (ScreeningRun.Count c : run.counts()) {
            students.merge(c.toClass(), c.students(), Integer::sum);
            households.merge(c.toClass(), c.households(), Integer::sum);
        }
        json.put("counts", Map.of("students", students, "households", households));
        json.put("requestedBy", run.requestedBy());
        json.put("requestedAt", run.requestedAt().toString());
        json.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        json.put("durationSeconds", new java.math.BigDecimal(run.duration(Instant.now(clock)).toMillis()).movePointLeft(3));
        if (run.error() != null) {
            json.put("error", run.error());
        }
        return json;
    }

    @ExceptionHandler(ScreeningRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ScreeningRefusedException e) {
        Locale locale = LocaleContextHolder.getLocale();
        HttpStatus status = e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage("api.error.title." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setDetail(messages.getMessage(e.conflict() ? "api.error.conflict" : "api.error.validation", null, locale));
        problem.setProperty("errors", e.problems().stream().map(p -> Map.of("field", p.field(),
                "message", messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))).toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
