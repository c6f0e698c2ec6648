package org.eduequity.outofschool.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.outofschool.AgeBand;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.FoundChildDocument;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.FoundStatus;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.Providers;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The found-children API of docs/out-of-school.md: record a found child, list and group them, merge a duplicate; and
 * the providers of a province. Errors are problem+json with one entry per field.
 */
@RestController
@RequestMapping("/api/v1")
class FoundChildApiController {

    private final FoundChildren found;
    private final Providers providers;
    private final MessageSource messages;

    FoundChildApiController(FoundChildren found, Providers providers, MessageSource messages) {
        this.found = found;
        this.providers = providers;
        this.messages = messages;
    }

    /** 201 with the id, status, age band and possible duplicates; the same externalId again: 200 with the first receipt. */
    @PostMapping(path = "/found-children", consumes = "application/json")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'ADMIN')")
    ResponseEntity<Map<String, Object>> record(@RequestBody FoundChildDocument document) {
        FoundChildren.Receipt receipt = found.record(document);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", receipt.id());
        body.put("status", receipt.status().name());
        body.put("ageBand", receipt.ageBand().label());
        body.put("possibleDuplicates", receipt.possibleDuplicates().stream().map(FoundChildApiController::duplicate).toList());
        return receipt.created() ? ResponseEntity.created(URI.create("/api/v1/found-children/" + receipt.id())).body(body)
                : ResponseEntity.ok(body);
    }

    static Map<String, Object> duplicate(FoundChildren.PossibleDuplicate d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("rule", d.rule().name());
        m.put("status", d.status().name());
        if (d.visible()) {
            m.put("firstName", d.firstName());
            m.put("lastName", d.lastName());
            m.put("birthDate", d.birthDate());
        }
        m.put("subdistrictCode", d.subdistrictCode());
        m.put("surveyedOn", d.surveyedOn());
        return m;
    }

    /** The found children of a province within the caller's area, newest first, paged. */
    @GetMapping("/found-children")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> list(@RequestParam(required = false) String province, @RequestParam(required = false) String district,
                             @RequestParam(required = false) String subdistrict, @RequestParam(required = false) String ageBand,
                             @RequestParam(required = false) String need, @RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size) {
        List<FieldProblem> errors = new ArrayList<>();
        FoundChildren.Filter filter = FindingParams.filter(province, district, subdistrict, ageBand, need, status, errors);
        int pageNumber = FindingParams.number(page, "page", 0, Integer.MAX_VALUE, errors);
        int pageSize = FindingParams.number(size, "size", 1, FoundChildren.MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        FoundChildren.Page result = found.list(filter, pageNumber, pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("province", filter.provinceCode());
        body.put("page", pageNumber);
        body.put("size", pageSize);
        body.put("total", result.total());
        body.put("items", result.rows().stream().map(FoundChildApiController::item).toList());
        return body;
    }

    static Map<String, Object> item(FoundChildren.FoundChild c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("nationalId", c.nationalId());
        if (c.noIdReason() != null) {
            m.put("noIdReason", c.noIdReason());
        }
        m.put("firstName", c.firstName());
        m.put("lastName", c.lastName());
        m.put("birthDate", c.birthDate());
        m.put("sex", c.sex().equals("MALE") ? "M" : "F");
        m.put("age", c.ageYears());
        m.put("ageBand", c.ageBand().label());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("houseNo", c.houseNo());
        address.put("villageNo", c.villageNo());
        address.put("subdistrictCode", c.subdistrictCode());
        address.put("districtCode", c.districtCode());
        address.put("provinceCode", c.provinceCode());
        m.put("address", address);
        m.put("location", c.lat() == null ? null : Map.of("lat", c.lat(), "lon", c.lon()));
        m.put("guardianPhone", c.guardianPhone());
        m.put("situation", c.situation());
        m.put("highestGrade", c.highestGrade());
        m.put("leftSchoolOn", c.leftSchoolOn());
        m.put("reasons", c.reasons().stream().map(Enum::name).toList());
        m.put("needs", c.needs().stream().map(Enum::name).toList());
        m.put("notes", c.notes());
        m.put("surveyedOn", c.surveyedOn());
        m.put("status", c.status().name());
        if (c.mergedInto() != null) {
            m.put("mergedInto", c.mergedInto());
        }
        m.put("recordedBy", c.recordedBy());
        m.put("recordedAt", c.recordedAt());
        m.put("version", c.version());
        return m;
    }

    /** Counts of a province's found children by age band × need × district, and by status. */
    @GetMapping("/found-children/groups")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    Map<String, Object> groups(@RequestParam(required = false) String province, @RequestParam(required = false) String district) {
        List<FieldProblem> errors = new ArrayList<>();
        FoundChildren.Filter filter = FindingParams.filter(province, district, null, null, null, null, errors);
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        FoundChildren.Groups g = found.groups(filter.provinceCode(), filter.districtCode());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("province", g.provinceCode());
        body.put("district", g.districtCode());
        body.put("outOfSchool", g.outOfSchool());
        String areaKey = g.districtCode() == null ? "district" : "subdistrict";
        body.put("groups", g.cells().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ageBand", c.ageBand().label());
            m.put("need", c.need() == null ? null : c.need().name());
            m.put(areaKey, c.areaCode());
            m.put("count", c.count());
            return m;
        }).toList());
        Map<String, Long> bands = new LinkedHashMap<>();
        g.byAgeBand().forEach((b, n) -> bands.put(b.label(), n));
        body.put("byAgeBand", bands);
        body.put(g.districtCode() == null ? "byDistrict" : "bySubdistrict", g.byArea());
        Map<String, Long> needs = new LinkedHashMap<>();
        for (Need n : Need.values()) {
            needs.put(n.name(), g.ofNeed(n));
        }
        body.put("byNeed", needs);
        Map<String, Long> statuses = new LinkedHashMap<>();
        g.byStatus().forEach((s, n) -> statuses.put(s.name(), n));
        body.put("byStatus", statuses);
        return body;
    }

    record MergeBody(Long into, Long version, String reason) {
    }

    /** Marks a record as a duplicate of another: 200 with its new status; a stale version or a merged record: 409. */
    @PostMapping(path = "/found-children/{id}/merge", consumes = "application/json")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')")
    Map<String, Object> merge(@PathVariable long id, @RequestBody MergeBody body) {
        List<FieldProblem> errors = new ArrayList<>();
        if (body.into() == null) {
            errors.add(new FieldProblem("into", "finding.error.required", List.of()));
        }
        if (body.version() == null) {
            errors.add(new FieldProblem("version", "finding.error.required", List.of()));
        }
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        found.mergeInto(id, body.into(), body.version(), body.reason());
        return Map.of("id", id, "status", FoundStatus.DUPLICATE.name(), "mergedInto", body.into());
    }

    /** The providers of a province with their services and area. */
    @GetMapping("/providers")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN', 'AREA_WORKER', 'TEACHER')")
    Map<String, Object> providers(@RequestParam(required = false) String province) {
        List<FieldProblem> errors = new ArrayList<>();
        String provinceCode = FindingParams.province(province, errors);
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("province", provinceCode);
        body.put("items", providers.ofProvince(provinceCode).stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", p.code());
            m.put("name", p.name(locale));
            m.put("type", p.type().name());
            m.put("services", p.services().stream().map(Enum::name).toList());
            m.put("areaCodes", p.areaCodes());
            m.put("contactName", p.contactName());
            m.put("phone", p.phone());
            m.put("email", p.email());
            m.put("active", p.active());
            if (p.bankAccountNo() != null) {
                m.put("bankAccount", Map.of("bankCode", p.bankCode(), "accountNo", p.bankAccountNo(), "accountName", p.bankAccountName()));
            }
            return m;
        }).toList());
        return body;
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
        problem.setDetail(text("finding.problem." + e.reason().name()));
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
