package org.eduequity.review.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.eduequity.review.Certifications;
import org.eduequity.review.Decision;
import org.eduequity.review.ReviewList;
import org.eduequity.review.ReviewStatus;
import org.eduequity.review.Reviews;
import org.eduequity.screening.Classification;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** The review and certification API of survey-format.md ("Review and certification"). */
@RestController
@RequestMapping("/api/v1")
class ReviewApiController {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
    private static final int MAX_DECISIONS = 1000;

    private final ReviewList list;
    private final Reviews reviews;
    private final Certifications certifications;
    private final CurrentArea area;
    private final MessageSource messages;
    private final JsonMapper json;

    ReviewApiController(ReviewList list, Reviews reviews, Certifications certifications, CurrentArea area, MessageSource messages,
                        JsonMapper json) {
        this.list = list;
        this.reviews = reviews;
        this.certifications = certifications;
        this.area = area;
        this.messages = messages;
        this.json = json;
    }

    /** A field that is wrong in a request, with its message key. */
    record FieldError(String field, String key, Object... args) {
    }

    /** A request refused as a whole (400) with its field errors. */
    static class BadRequest extends RuntimeException {
        final List<FieldError> errors;

        BadRequest(List<FieldError> errors) {
            super("invalid request");
            this.errors = errors;
        }
    }

    /** The screened list of a province and term with review statuses, paged. */
    @GetMapping("/screened-list")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    Map<String, Object> screenedList(@RequestParam(required = false) String province, @RequestParam(required = false) String term,
                                     @RequestParam(required = false) String classification,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String orgUnitCode,
                                     @RequestParam(required = false) String flagged,
                                     @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size) {
        List<FieldError> errors = new ArrayList<>();
        String provinceCode = province(province, errors);
        String theTerm = term(term, errors);
        Classification theClass = parse(Classification.class, classification, "classification", errors);
        ReviewStatus theStatus = parse(ReviewStatus.class, status, "status", errors);
        Boolean isFlagged = null;
        if (flagged != null && !flagged.isBlank()) {
            if ("true".equalsIgnoreCase(flagged.strip()) || "false".equalsIgnoreCase(flagged.strip())) {
                isFlagged = Boolean.parseBoolean(flagged.strip());
            } else {
                errors.add(new FieldError("flagged", "api.review.error.flagged"));
            }
        }
        int pageNumber = number(page, "page", 0, Integer.MAX_VALUE, errors);
        int pageSize = number(size, "size", 1, ReviewList.MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new BadRequest(errors);
        }
        area.requireProvince(provinceCode);
        ReviewList.Filter filter = new ReviewList.Filter(theTerm, provinceCode, null, null, orgUnitCode, theClass, theStatus, isFlagged, null);
        ReviewList.Page result = list.list(area.scope(), filter, ReviewList.Sort.NEED, pageNumber, pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("province", provinceCode);
        body.put("term", theTerm);
        body.put("page", pageNumber);
        body.put("size", pageSize);
        body.put("total", result.matching());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Classification c : List.of(Classification.EXTREMELY_POOR, Classification.POOR, Classification.NOT_POOR, Classification.INCOMPLETE)) {
            counts.put(c.name(), result.counts().ofClass(c, theStatus));
        }
        body.put("counts", counts);
        Map<String, Long> statusCounts = new LinkedHashMap<>();
        for (ReviewStatus s : ReviewStatus.values()) {
            statusCounts.put(s.name(), result.counts().ofStatus(s, theClass));
        }
        body.put("statusCounts", statusCounts);
        body.put("items", result.rows().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("nationalId", r.nationalId());
            item.put("name", r.fullName());
            item.put("orgUnitCode", r.orgUnitCode());
            item.put("classification", r.classification().name());
            item.put("perCapitaIncome", r.perCapitaIncome() == null ? null : r.perCapitaIncome().toPlainString());
            item.put("hardshipScore", r.hardshipScore());
            item.put("reviewStatus", r.status().name());
            if (r.reasonCode() != null || r.reasonText() != null) {
                item.put("reason", r.reasonText() == null ? r.reasonCode() : r.reasonText());
            }
            item.put("evidenceFlags", r.evidenceFlags());
            return item;
        }).toList());
        return body;
    }

    /** One decision as the API takes it. */
    record DecisionBody(String nationalId, String decision, String reason, String reasonCode, String overrideReason) {
    }

    record ReviewBody(String province, String term, List<DecisionBody> decisions) {
    }

    /** Decides on children of one province and term; each decision stands or fails on its own. */
    @PostMapping(path = "/reviews", consumes = "application/json")
    @PreAuthorize("hasRole('PROVINCE')")
    Map<String, Object> review(@RequestBody ReviewBody body) {
        List<FieldError> errors = new ArrayList<>();
        String provinceCode = province(body.province(), errors);
        String theTerm = term(body.term(), errors);
        if (body.decisions() == null || body.decisions().isEmpty()) {
            errors.add(new FieldError("decisions", "api.review.error.decisionsRequired"));
        } else if (body.decisions().size() > MAX_DECISIONS) {
            errors.add(new FieldError("decisions", "api.review.error.tooManyDecisions", MAX_DECISIONS));
        }
        if (!errors.isEmpty()) {
            throw new BadRequest(errors);
        }
        List<Reviews.Request> requests = body.decisions().stream().map(d -> new Reviews.Request(d == null ? null : d.nationalId(),
                d == null ? null : decision(d.decision()), d == null ? null : d.reasonCode(), d == null ? null : d.reason(),
                d == null ? null : d.overrideReason(), null, null)).toList();
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> results = reviews.decide(provinceCode, theTerm, requests).stream().map(o -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("nationalId", o.nationalId());
            r.put("outcome", o.outcome());
            if (o.detailKey() != null) {
                r.put("detail", messages.getMessage(o.detailKey(), o.detailArgs().toArray(), o.detailKey(), locale));
            }
            return r;
        }).toList();
        return Map.of("results", results);
    }

    record CertificationBody(String province, String term, String reason) {
    }

    /** Certifies the province's approved children of the term as a new list version: 201 with the version. */
    @PostMapping(path = "/certifications", consumes = "application/json")
    @PreAuthorize("hasRole('PROVINCE')")
    ResponseEntity<Map<String, Object>> certify(@RequestBody CertificationBody body) {
        List<FieldError> errors = new ArrayList<>();
        String provinceCode = province(body.province(), errors);
        String theTerm = term(body.term(), errors);
        if (!errors.isEmpty()) {
            throw new BadRequest(errors);
        }
        Certifications.Version v = certifications.certify(provinceCode, theTerm, body.reason());
        return ResponseEntity.created(URI.create("/api/v1/certifications/" + v.id())).body(header(v));
    }

    /** A version's header, counts and entries (streamed). */
    @GetMapping("/certifications/{id}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    void certification(@PathVariable long id, HttpServletResponse response) throws IOException {
        Certifications.Version v = certifications.get(id);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        try (JsonGenerator g = json.createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : header(v).entrySet()) {
                g.writeName(e.getKey());
                g.writePOJO(e.getValue());
            }
            g.writeName("entries");
            g.writeStartArray();
            certifications.entries(v, entry -> {
                g.writeStartObject();
                g.writeStringProperty("nationalId", entry.nationalId());
                g.writeStringProperty("orgUnitCode", entry.orgUnitCode());
                g.writeStringProperty("classification", entry.classification().name());
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** A version's entries as CSV (UTF-8 with a BOM, so that Excel shows Thai). */
    @GetMapping("/certifications/{id}/entries.csv")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    void entriesCsv(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        Certifications.Version v = certifications.get(id);
        CertificationCsv.entries(v, certifications, messages, locale, response);
    }

    private Map<String, Object> header(Certifications.Version v) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", v.id());
        h.put("province", v.provinceCode());
        h.put("term", v.term());
        h.put("version", v.version());
        h.put("certifiedBy", v.certifiedBy());
        h.put("certifiedAt", v.certifiedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Bangkok")).toOffsetDateTime().toString());
        if (v.reason() != null) {
            h.put("reason", v.reason());
        }
        if (v.ruleSets().size() == 1) {
            String[] parts = v.ruleSets().get(0).split(" ", 2);
            h.put("ruleSet", Map.of("code", parts[0], "version", parts.length > 1 ? parts[1] : ""));
        } else {
            h.put("ruleSets", v.ruleSets().stream().map(s -> {
                String[] parts = s.split(" ", 2);
                return Map.of("code", parts[0], "version", parts.length > 1 ? parts[1] : "");
            }).toList());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        v.counts().forEach((c, n) -> counts.put(c.name(), n));
        h.put("counts", counts);
        h.put("entryCount", v.entries());
        return h;
    }

    private static String province(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("province", "api.review.error.provinceRequired"));
            return null;
        }
        if (!PROVINCE.matcher(text.strip()).matches()) {
            errors.add(new FieldError("province", "api.review.error.province"));
            return null;
        }
        return text.strip();
    }

    private static String term(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("term", "api.review.error.termRequired"));
            return null;
        }
        try {
            return Term.parse(text.strip()).toString();
        } catch (InvalidValueException e) {
            errors.add(new FieldError("term", "api.review.error.term"));
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "api.review.error." + field));
            return null;
        }
    }

    private static int number(String text, String field, int min, int max, List<FieldError> errors) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "api.review.error." + field, max));
        return min;
    }

    private static Decision decision(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Decision.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(messages.getMessage("api.error.title.400", null, "Bad Request", locale));
        problem.setDetail(messages.getMessage("api.error.validation", null, locale));
        problem.setProperty("errors", e.errors.stream().map(f -> Map.of("field", f.field(),
                "message", messages.getMessage(f.key(), f.args(), f.key(), locale))).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Certifications.CertificationRefusedException.class)
    ResponseEntity<ProblemDetail> refused(Certifications.CertificationRefusedException e) {
        Locale locale = LocaleContextHolder.getLocale();
        boolean conflict = !e.key().equals("certification.error.reasonRequired") && !e.key().equals("certification.error.reasonTooLong");
        HttpStatus status = conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage("api.error.title." + status.value(), null, status.getReasonPhrase(), locale));
        String message = messages.getMessage(e.key(), e.args(), e.key(), locale);
        problem.setDetail(message);
        if (!conflict) {
            problem.setProperty("errors", List.of(Map.of("field", "reason", "message", message)));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
