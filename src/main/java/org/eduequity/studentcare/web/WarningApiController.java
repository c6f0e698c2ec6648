package org.eduequity.studentcare.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.eduequity.studentcare.CareImports;
import org.eduequity.studentcare.CareRefusedException;
import org.eduequity.studentcare.FollowUps;
import org.springframework.context.MessageSource;
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

/**
 * The early-warning API (student-care.md, ADR 0009): open warnings in the caller's area with their follow-up state,
 * a follow-up and its actions, acknowledge / action / resolve (optimistic locking by {@code version}), transfers and
 * the term roster import (CSV {@code nationalId,gradeLevel}, no row limit below the care imports' 1,000,000).
 */
@RestController
@RequestMapping("/api/v1")
class WarningApiController {

    private final FollowUps followUps;
    private final CareImports imports;
    private final MessageSource messages;

    WarningApiController(FollowUps followUps, CareImports imports, MessageSource messages) {
        this.followUps = followUps;
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/early-warnings")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> warnings(@RequestParam(required = false) String term, @RequestParam(required = false) String orgUnitCode,
                                 @RequestParam(required = false) String level) {
        List<FollowUps.Warning> list = followUps.warnings(term, orgUnitCode, level);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("term", term == null || term.isBlank() ? followUps.currentTerm() : term.strip());
        m.put("count", list.size());
        m.put("warnings", list.stream().map(WarningApiController::warningJson).toList());
        return m;
    }

    /** The {@code warning} block of a student's risk. */
    static Map<String, Object> warningBlock(FollowUps.Warning w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", w == null ? "NONE" : w.level());
        m.put("indicators", w == null ? List.of() : indicators(w.indicators()));
        if (w != null && w.previousGrade() != null) {
            m.put("previousGrade", w.previousGrade());
            m.put("transition", w.transition());
        }
        m.put("followUp", w == null || w.followUp() == null ? null : followUpJson(w.followUp()));
        return m;
    }

    private static List<Map<String, Object>> indicators(List<FollowUps.Indicator> list) {
        return list.stream().map(i -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("code", i.code());
            x.put("level", i.level());
            return x;
        }).toList();
    }

    static Map<String, Object> warningJson(FollowUps.Warning w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nationalId", w.nationalId());
        m.put("name", w.name());
        m.put("term", w.term());
        m.put("orgUnitCode", w.orgUnitCode());
        m.put("level", w.level());
        m.put("indicators", indicators(w.indicators()));
        m.put("attendanceRate", w.attendanceRate() == null ? null : w.attendanceRate().toPlainString());
        m.put("absenceStreak", w.absenceStreak());
        m.put("previousGrade", w.previousGrade());
        m.put("transition", w.transition());
        m.put("followUp", w.followUp() == null ? null : followUpJson(w.followUp()));
        return m;
    }

    static Map<String, Object> followUpJson(FollowUps.FollowUp f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("status", f.status());
        m.put("escalation", f.escalation());
        m.put("openedAt", f.openedAt().toString());
        m.put("ageDays", f.ageDays());
        m.put("acknowledgedBy", f.acknowledgedBy());
        m.put("acknowledgedAt", f.acknowledgedAt() == null ? null : f.acknowledgedAt().toString());
        m.put("resolvedAt", f.resolvedAt() == null ? null : f.resolvedAt().toString());
        m.put("outcome", f.outcome());
        m.put("version", f.version());
        return m;
    }

    @GetMapping("/early-warnings/follow-ups/{id}")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> followUp(@PathVariable long id) {
        FollowUps.Detail d = followUps.detail(id);
        Map<String, Object> m = followUpJson(d.followUp());
        m.put("nationalId", d.student().nationalId());
        m.put("term", d.followUp().term());
        m.put("indicatorsAtOpening", indicators(d.followUp().indicators()));
        m.put("warning", warningBlock(d.warning().orElse(null)));
        m.put("actions", d.actions().stream().map(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", a.kind());
            x.put("date", a.doneOn().toString());
            x.put("note", a.note());
            x.put("recordedBy", a.recordedBy());
            return x;
        }).toList());
        return m;
    }

    /** What the follow-up writes take; {@code version} is the follow-up's as read. */
    record FollowUpBody(Long version, String kind, String date, String note, String outcome) {
    }

    private static long version(FollowUpBody body) {
        if (body == null || body.version() == null) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, "version", "care.followUp.error.version");
        }
        return body.version();
    }

    @PostMapping(path = "/early-warnings/follow-ups/{id}/acknowledge", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> acknowledge(@PathVariable long id, @RequestBody FollowUpBody body) {
        return followUpJson(followUps.acknowledge(id, version(body)));
    }

    @PostMapping(path = "/early-warnings/follow-ups/{id}/actions", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> action(@PathVariable long id, @RequestBody FollowUpBody body) {
        return followUpJson(followUps.addAction(id, version(body), new FollowUps.ActionEntry(body.kind(), body.date(), body.note())));
    }

    @PostMapping(path = "/early-warnings/follow-ups/{id}/resolve", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> resolve(@PathVariable long id, @RequestBody FollowUpBody body) {
        return followUpJson(followUps.resolve(id, version(body), body.outcome(), body.note()));
    }

    /** What {@code POST /api/v1/transfers} takes. */
    record TransferBody(String nationalId, String date, String destination, String note) {
    }

    @PostMapping(path = "/transfers", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> transfer(@RequestBody TransferBody body) {
        if (body == null) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, "body", "care.transfer.error.destination");
        }
        FollowUps.Transfer t = followUps.recordTransfer(new FollowUps.TransferEntry(body.nationalId(), body.date(), body.destination(), body.note()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("nationalId", t.nationalId());
        m.put("date", t.date().toString());
        m.put("destination", t.destination());
        return t.created() ? ResponseEntity.created(URI.create("/api/v1/transfers/" + t.id())).body(m) : ResponseEntity.ok(m);
    }

    /** A term's roster of the caller's units: CSV {@code nationalId,gradeLevel}; raises the NOT_RE_ENROLLED alerts. */
    @PostMapping("/rosters")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> roster(@RequestParam(required = false) String term, HttpServletRequest request) throws IOException {
        return CareApiController.report(imports.importCsv(CareImports.Kind.ROSTER, term, request.getInputStream()));
    }

    @ExceptionHandler(CareRefusedException.class)
    ResponseEntity<ProblemDetail> refused(CareRefusedException e) {
        return CareApiController.problem(messages, e);
    }
}
