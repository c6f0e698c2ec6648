package org.eduequity.outofschool.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.outofschool.CaseCertifications;
import org.eduequity.outofschool.CasePayments;
import org.eduequity.outofschool.Cases;
import org.eduequity.outofschool.FindingRejectedException;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Case payments of docs/out-of-school.md ("Case payments"): the province's cases eligible for OOS_YOUTH, certifying them
 * as a numbered version per province and term, the versions and their cases, and a case's payments (its ledger).
 */
@RestController
@RequestMapping("/api/v1")
class CaseCertificationApiController {

    private final CaseCertifications certifications;
    private final Cases cases;
    private final MessageSource messages;

    CaseCertificationApiController(CaseCertifications certifications, Cases cases, MessageSource messages) {
        this.certifications = certifications;
        this.cases = cases;
        this.messages = messages;
    }

    /** The province's eligible cases now, each with the version it was certified in (null: not yet). */
    @GetMapping("/case-certifications/eligible")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> eligible(@RequestParam(required = false) String province) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("province", province);
        out.put("cases", certifications.eligible(province).stream().map(CaseCertificationApiController::entry).toList());
        return out;
    }

    /** Certifies the eligible cases not certified before: 201 with the version; nothing new: 409. */
    @PostMapping("/case-certifications")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> certify(@RequestParam(required = false) String province, @RequestParam(required = false) String term) {
        CaseCertifications.Version v = certifications.certify(province, term);
        return ResponseEntity.created(URI.create("/api/v1/case-certifications/" + v.id())).body(version(v, certifications.entries(v.id())));
    }

    /** The versions of a province and term, newest first. */
    @GetMapping("/case-certifications")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> versions(@RequestParam(required = false) String province, @RequestParam(required = false) String term) {
        List<CaseCertifications.Version> versions = certifications.versions(province, term);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("province", province);
        out.put("term", term.strip());
        out.put("versions", versions.stream().map(v -> version(v, null)).toList());
        return out;
    }

    /** A version with its cases. */
    @GetMapping("/case-certifications/{id}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> version(@PathVariable long id) {
        return version(certifications.get(id), certifications.entries(id));
    }

    /** A case's payments: its lines with their ledger entries (the ledger of a case). */
    @GetMapping("/cases/{id}/payments")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> payments(@PathVariable long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caseId", id);
        out.put("payments", cases.payments(id).stream().map(CaseCertificationApiController::line).toList());
        return out;
    }

    private static Map<String, Object> line(CasePayments.Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lineRef", l.lineRef());
        m.put("roundId", l.roundId());
        m.put("programme", l.programmeCode());
        m.put("term", l.term());
        m.put("payeeType", l.payeeType());
        m.put("payeeName", l.payeeName());
        m.put("amount", l.amount().toPlainString());
        m.put("status", l.status());
        m.put("entries", l.entries().stream().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", e.kind());
            x.put("amount", e.amount().toPlainString());
            x.put("reason", e.reason());
            x.put("by", e.recordedBy());
            x.put("at", e.recordedAt().toString());
            return x;
        }).toList());
        return m;
    }

    private static Map<String, Object> version(CaseCertifications.Version v, List<CaseCertifications.EligibleCase> entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("province", v.provinceCode());
        m.put("term", v.term());
        m.put("version", v.version());
        m.put("entries", v.entries());
        m.put("certifiedBy", v.certifiedBy());
        m.put("certifiedAt", v.certifiedAt().toString());
        if (entries != null) {
            m.put("cases", entries.stream().map(CaseCertificationApiController::entry).toList());
        }
        return m;
    }

    private static Map<String, Object> entry(CaseCertifications.EligibleCase e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", e.caseId());
        m.put("nationalId", e.nationalId());
        m.put("name", e.fullName());
        m.put("birthDate", e.birthDate().toString());
        m.put("subdistrictCode", e.subdistrictCode());
        m.put("referralId", e.referralId());
        m.put("providerCode", e.providerCode());
        m.put("providerName", e.providerName());
        m.put("certificationId", e.certificationId());
        m.put("certifiedVersion", e.certifiedVersion());
        return m;
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
        problem.setDetail(e.problems().size() == 1 ? text(e.problems().get(0).messageKey(), e.problems().get(0).args().toArray())
                : text("finding.problem." + e.reason().name()));
        problem.setProperty("errors", e.problems().stream().map(p -> Map.<String, Object>of("field", p.field(),
                "message", text(p.messageKey(), p.args().toArray()))).toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
