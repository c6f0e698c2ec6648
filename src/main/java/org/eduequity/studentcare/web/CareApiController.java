package org.eduequity.studentcare.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.eduequity.studentcare.CareArea;
import org.eduequity.studentcare.CareExplanations;
import org.eduequity.studentcare.CareImports;
import org.eduequity.studentcare.CareParameters;
import org.eduequity.studentcare.CareProblem;
import org.eduequity.studentcare.CareRecords;
import org.eduequity.studentcare.CareRefusedException;
import org.eduequity.studentcare.CareRuleSet;
import org.eduequity.studentcare.CareRuleSets;
import org.eduequity.studentcare.RiskEvaluation;
import org.eduequity.studentcare.RiskResult;
import org.eduequity.studentcare.StudentRisks;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The student-care API of student-care.md, and the care rule sets for the fund office. */
@RestController
@RequestMapping("/api/v1")
class CareApiController {

    private final CareImports imports;
    private final CareRecords records;
    private final StudentRisks risks;
    private final CareExplanations explanations;
    private final CareRuleSets ruleSets;
    private final RiskEvaluation evaluation;
    private final MessageSource messages;
    private final org.eduequity.studentcare.FollowUps followUps;

    CareApiController(CareImports imports, CareRecords records, StudentRisks risks, CareExplanations explanations, CareRuleSets ruleSets,
                      RiskEvaluation evaluation, MessageSource messages, org.eduequity.studentcare.FollowUps followUps) {
        this.followUps = followUps;
        this.imports = imports;
        this.records = records;
        this.risks = risks;
        this.explanations = explanations;
        this.ruleSets = ruleSets;
        this.evaluation = evaluation;
        this.messages = messages;
    }

    /** A term's attendance: CSV {@code nationalId,schoolDays,daysAbsent}, or daily absences {@code nationalId,date}. */
    @PostMapping("/attendance")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> attendance(@RequestParam(required = false) String term, @RequestParam(defaultValue = "false") boolean daily,
                                   HttpServletRequest request) throws IOException {
        return report(imports.importCsv(daily ? CareImports.Kind.ABSENCES : CareImports.Kind.ATTENDANCE, term, request.getInputStream()));
    }

    /** A term's grades: CSV {@code nationalId,gpa,failedSubjects}. */
    @PostMapping("/grades")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> grades(@RequestParam(required = false) String term, HttpServletRequest request) throws IOException {
        return report(imports.importCsv(CareImports.Kind.GRADES, term, request.getInputStream()));
    }

    /** A term's health records: CSV {@code nationalId,weightKg,heightCm,nutrition,chronicIllness,disability}. */
    @PostMapping("/health")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> health(@RequestParam(required = false) String term, HttpServletRequest request) throws IOException {
        return report(imports.importCsv(CareImports.Kind.HEALTH, term, request.getInputStream()));
    }

    static Map<String, Object> report(CareImports.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().name());
        m.put("term", r.term());
        m.put("rows", r.rows());
        m.put("created", r.created());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("evaluated", r.evaluated());
        return m;
    }

    /** What {@code POST /api/v1/sdq} takes. */
    record SdqBody(String nationalId, String term, String form, List<Integer> items) {
    }

    /** An SDQ form: 201 with the scored form, or 200 when the same scores were recorded before. */
    @PostMapping(path = "/sdq", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> sdq(@RequestBody SdqBody body) {
        CareRecords.ScoredSdq s = records.recordSdq(new CareRecords.SdqEntry(body.nationalId(), body.term(), body.form(), body.items()));
        Map<String, Object> m = sdqJson(s);
        return s.created() ? ResponseEntity.created(URI.create("/api/v1/sdq/" + s.id())).body(m) : ResponseEntity.ok(m);
    }

    static Map<String, Object> sdqJson(CareRecords.ScoredSdq s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("nationalId", s.nationalId());
        m.put("term", s.term());
        m.put("form", s.form().name());
        m.put("items", s.items());
        m.put("subscales", s.subscales());
        m.put("total", s.total());
        m.put("band", s.band());
        m.put("ruleSet", Map.of("code", s.ruleSetCode(), "version", s.ruleSetVersion()));
        return m;
    }

    /** What {@code POST /api/v1/incidents} takes. */
    record IncidentBody(String nationalId, String date, String type, String severity, String note) {
    }

    /** An incident: 201, or 200 with the earlier record when the same incident was recorded before. */
    @PostMapping(path = "/incidents", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> incident(@RequestBody IncidentBody body) {
        CareRecords.Incident i = records.recordIncident(new CareRecords.IncidentEntry(body.nationalId(), body.date(), body.type(),
                body.severity(), body.note()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("nationalId", i.nationalId());
        m.put("term", i.term());
        m.put("date", i.date().toString());
        m.put("type", i.type());
        m.put("severity", i.severity());
        m.put("note", i.note());
        return i.created() ? ResponseEntity.created(URI.create("/api/v1/incidents/" + i.id())).body(m) : ResponseEntity.ok(m);
    }

    /** A student's risk in a term, with each area explained in the caller's language. */
    @GetMapping("/children/{nationalId}/risk")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> risk(@PathVariable String nationalId, @RequestParam(required = false) String term) {
        StudentRisks.StudentRisk risk = risks.ofNationalId(nationalId, term);
        RiskResult r = risk.result().orElseThrow(() -> CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "term",
                "care.error.noRuleSet", risk.term()));
        Map<String, Object> m = riskJson(risk.student().nationalId(), r, explanations.explain(r, LocaleContextHolder.getLocale()));
        // early warning (ADR 0009): the student's current warning in the term; NONE when no indicator fires
        m.put("warning", WarningApiController.warningBlock(followUps.warningOf(risk.student().id(), risk.term()).orElse(null)));
        return m;
    }

    static Map<String, Object> riskJson(String nationalId, RiskResult r, List<CareExplanations.AreaExplanation> explained) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nationalId", nationalId);
        m.put("term", r.term());
        m.put("level", r.level().name());
        Map<String, Object> areas = new LinkedHashMap<>();
        for (CareArea a : CareArea.values()) {
            areas.put(a.name(), r.areas().get(a).name());
        }
        m.put("areas", areas);
        m.put("unknownAreas", r.unknownAreas().stream().map(Enum::name).toList());
        RiskResult.Inputs in = r.inputs();
        if (in.sdqForm() == null) {
            m.put("sdq", null);
        } else {
            Map<String, Object> sdq = new LinkedHashMap<>();
            sdq.put("form", in.sdqForm());
            sdq.put("total", in.sdqTotal());
            sdq.put("band", in.sdqBand());
            sdq.put("subscales", in.sdqSubscales());
            m.put("sdq", sdq);
        }
        m.put("fired", r.fired());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("gpa", in.gpa() == null ? null : in.gpa().toPlainString());
        inputs.put("failedSubjects", in.failedSubjects());
        inputs.put("nutrition", in.nutrition());
        inputs.put("chronicIllness", in.chronicIllness());
        inputs.put("schoolDays", in.schoolDays());
        inputs.put("daysAbsent", in.daysAbsent());
        inputs.put("incidents", Map.of("emotionalBehaviour", Map.of("concern", in.ebConcern(), "serious", in.ebSerious()),
                "protection", Map.of("concern", in.protectionConcern(), "serious", in.protectionSerious())));
        inputs.put("visitId", in.visitId());
        inputs.put("singleParent", in.singleParent());
        inputs.put("noParents", in.noParents());
        inputs.put("poverty", in.poverty());
        m.put("inputs", inputs);
        m.put("explanation", explained.stream().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("area", e.area().name());
            x.put("level", e.level().name());
            x.put("label", e.label());
            x.put("levelLabel", e.levelLabel());
            x.put("inputs", e.inputs().stream().map(i -> Map.of("label", i.label(), "value", i.value())).toList());
            x.put("rules", e.rules());
            return x;
        }).toList());
        m.put("warning", null);
        m.put("ruleSet", Map.of("code", r.ruleSetCode(), "version", r.ruleSetVersion()));
        m.put("computedAt", r.computedAt().toString());
        m.put("stored", r.id() != null);
        return m;
    }

    // ----- care rule sets (fund office) ---------------------------------------------------------------------

    @GetMapping("/care-rule-sets")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    List<Map<String, Object>> ruleSets() {
        return ruleSets.all().stream().map(CareApiController::ruleSetJson).toList();
    }

    @GetMapping("/care-rule-sets/{id}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> ruleSet(@PathVariable long id) {
        CareRuleSet set = ruleSets.get(id);
        Map<String, Object> m = ruleSetJson(set);
        m.put("problems", problems(messages, ruleSets.problems(set), LocaleContextHolder.getLocale()));
        return m;
    }

    record CopyBody(String version) {
    }

    @PostMapping(path = "/care-rule-sets/{id}/copy", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    ResponseEntity<Map<String, Object>> copy(@PathVariable long id, @RequestBody CopyBody body) {
        CareRuleSet copy = ruleSets.copy(id, body.version());
        return ResponseEntity.created(URI.create("/api/v1/care-rule-sets/" + copy.id())).body(ruleSetJson(copy));
    }

    record SaveBody(Long lockVersion, String name, List<String> effectiveTerms, CareParameters parameters) {
    }

    @PostMapping(path = "/care-rule-sets/{id}", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> save(@PathVariable long id, @RequestBody SaveBody body) {
        if (body.lockVersion() == null) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, "lockVersion", "careRules.error.required");
        }
        CareRuleSet set = ruleSets.save(id, body.lockVersion(), body.name(), body.effectiveTerms(), body.parameters());
        Map<String, Object> m = ruleSetJson(set);
        m.put("problems", problems(messages, ruleSets.problems(set), LocaleContextHolder.getLocale()));
        return m;
    }

    record PublishBody(Long lockVersion) {
    }

    @PostMapping(path = "/care-rule-sets/{id}/publish", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> publish(@PathVariable long id, @RequestBody PublishBody body) {
        if (body.lockVersion() == null) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, "lockVersion", "careRules.error.required");
        }
        return ruleSetJson(ruleSets.publish(id, body.lockVersion()));
    }

    @PostMapping("/care-rule-sets/{id}/retire")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> retire(@PathVariable long id) {
        return ruleSetJson(ruleSets.retire(id));
    }

    /** A set's counts per level and area over a province's students in a term, beside the published set's. */
    @PostMapping("/care-rule-sets/{id}/simulate")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> simulate(@PathVariable long id, @RequestParam(required = false) String term,
                                 @RequestParam(required = false) String province) {
        CareRuleSets.Simulation s = ruleSets.simulate(id, term, province);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("term", s.term());
        m.put("province", s.provinceCode());
        m.put("draft", s.draft());
        m.put("published", s.published());
        return m;
    }

    /** Re-evaluates every student of a province in a term under the published set. */
    @PostMapping("/care-evaluations")
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    Map<String, Object> evaluate(@RequestParam(required = false) String term, @RequestParam(required = false) String province) {
        List<CareProblem> problems = new ArrayList<>();
        String t = null;
        try {
            t = org.eduequity.shared.Term.parse(term == null ? "" : term).toString();
        } catch (org.eduequity.shared.InvalidValueException e) {
            problems.add(CareProblem.of("term", e.messageKey()));
        }
        if (province == null || !province.matches("[0-9]{2}")) {
            problems.add(CareProblem.of("province", "careRules.error.province"));
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        RiskEvaluation.ProvinceRun run = evaluation.evaluateProvince(t, province);
        return Map.of("term", run.term(), "province", run.provinceCode(), "ruleSet", run.ruleSet(), "changed", run.changed());
    }

    static Map<String, Object> ruleSetJson(CareRuleSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("code", s.code());
        m.put("version", s.version());
        m.put("name", s.name());
        m.put("status", s.status().name());
        m.put("effectiveTerms", s.effectiveTerms());
        m.put("parameters", s.parameters());
        m.put("lockVersion", s.lockVersion());
        m.put("publishedAt", s.publishedAt() == null ? null : s.publishedAt().toString());
        return m;
    }

    /** The problems as the API lists them: row (of a file, when there is one), field and message in the caller's language. */
    static List<Map<String, Object>> problems(MessageSource messages, List<CareProblem> problems, Locale locale) {
        List<Map<String, Object>> list = new ArrayList<>(problems.size());
        for (CareProblem p : problems) {
            Map<String, Object> e = new LinkedHashMap<>();
            if (p.row() > 0) {
                e.put("row", p.row());
            }
            e.put("field", p.field());
            e.put("message", messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
            list.add(e);
        }
        return list;
    }

    @ExceptionHandler(CareRefusedException.class)
    ResponseEntity<ProblemDetail> refused(CareRefusedException e) {
        return problem(messages, e);
    }

    /** A refusal of the student-care API as problem+json (also {@link WarningApiController}'s). */
    static ResponseEntity<ProblemDetail> problem(MessageSource messages, CareRefusedException e) {
        Locale locale = LocaleContextHolder.getLocale();
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage("api.error.title." + status.value(), null, status.getReasonPhrase(), locale));
        List<Map<String, Object>> errors = problems(messages, e.problems(), locale);
        if (e instanceof CareImports.ImportRefusedException file) {
            problem.setDetail(messages.getMessage("care.import.refused", new Object[] {file.count()}, locale));
            problem.setProperty("errorCount", file.count());
        } else if (status == HttpStatus.BAD_REQUEST) {
            problem.setDetail(messages.getMessage("api.error.validation", null, locale));
        } else {
            problem.setDetail(errors.isEmpty() ? status.getReasonPhrase() : (String) errors.get(0).get("message"));
        }
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
