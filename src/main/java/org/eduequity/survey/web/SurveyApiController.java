package org.eduequity.survey.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.FieldProblem;
import org.eduequity.survey.PhotoKind;
import org.eduequity.survey.PhotoRejectedException;
import org.eduequity.survey.VisitPhotos;
import org.eduequity.survey.SurveyBatch;
import org.eduequity.survey.SurveyDocument;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningJson;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.survey.SurveyReceipt;
import org.eduequity.survey.SurveyRejectedException;
import org.eduequity.survey.Surveys;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The survey API of docs/survey-format.md: one survey, an NDJSON stream of surveys, and a child's record.
 */
@RestController
@RequestMapping("/api/v1")
class SurveyApiController {

    private final Surveys surveys;
    private final SurveyBatch batch;
    private final VisitPhotos photos;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Screening screening;

    SurveyApiController(Surveys surveys, SurveyBatch batch, VisitPhotos photos, MessageSource messages, JsonMapper json,
                        Screening screening) {
        this.screening = screening;
        this.batch = batch;
        this.photos = photos;
        this.surveys = surveys;
        this.messages = messages;
        this.json = json;
    }

    /**
     * One survey: 201 with the receipt, or 200 with the earlier receipt when the externalId was seen before. The
     * integration API is the teachers' (area workers make a found child's full visit on the screens, ADR 0011).
     */
    @PostMapping(path = "/surveys", consumes = "application/json")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    ResponseEntity<Map<String, Object>> submit(@RequestBody SurveyDocument document) {
        SurveyReceipt receipt = submitOnce(document);
        Map<String, Object> body = receiptJson(receipt);
        return receipt.created()
                ? ResponseEntity.created(URI.create("/api/v1/surveys/" + receipt.id())).body(body)
                : ResponseEntity.ok(body);
    }

    /**
     * Many surveys, one JSON document per line; one result line per input line is streamed back as it is
     * processed. Lines are recorded in batches ({@link #record}), each line standing or falling on its own, so a bad
     * line never stops or undoes the others.
     */
    @PostMapping(path = "/surveys/import", consumes = "application/x-ndjson")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    void importSurveys(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        Writer out = response.getWriter();
        BufferedReader in = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        Locale locale = LocaleContextHolder.getLocale();
        // the next batch's JSON is parsed on a thread of its own while this one records the batch before it
        ExecutorService parser = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "survey-import-parser");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<Pending>> parsed = null;
            int number = 0;
            boolean end = false;
            while (!end) {
                List<Pending> lines = new ArrayList<>(IMPORT_BATCH);
                while (lines.size() < IMPORT_BATCH) {
                    if (parsed != null && !in.ready()) {
                        // nothing more has arrived yet: answer the lines read so far before waiting for more
                        record(result(parsed), out);
                        parsed = null;
                    }
                    String line = in.readLine();
                    if (line == null) {
                        end = true;
                        break;
                    }
                    number++;
                    if (!line.isBlank()) {
                        Pending pending = new Pending(number);
                        pending.line = line;
                        lines.add(pending);
                    }
                }
                Future<List<Pending>> next = parser.submit(() -> parse(lines, locale));
                if (parsed != null) {
                    record(result(parsed), out);
                }
                parsed = next;
            }
            record(result(parsed), out);
        } finally {
            parser.shutdownNow();
        }
        out.flush();
    }

    /** Reads each line's document, or notes why it cannot be read. */
    private List<Pending> parse(List<Pending> lines, Locale locale) {
        for (Pending pending : lines) {
            try {
                pending.document = json.readValue(pending.line, SurveyDocument.class);
            } catch (JacksonException e) {
                pending.result.put("result", "error");
                pending.result.put("errors", List.of(Map.of("field", path(e),
                        "message", messages.getMessage("survey.error.json", new Object[] {e.getOriginalMessage()}, "survey.error.json", locale))));
            }
            pending.line = null;
        }
        return lines;
    }

    private static List<Pending> result(Future<List<Pending>> parsed) throws IOException {
        try {
            return parsed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lines of the NDJSON import are recorded this many at a time; their results are written once they are committed. */
    static final int IMPORT_BATCH = 1000;

    /** A line of the import: its number, its document (when it could be read) and its result. */
    private static final class Pending {
        final Map<String, Object> result = new LinkedHashMap<>();
        String line;
        SurveyDocument document;

        Pending(int number) {
            result.put("line", number);
        }
    }

    /**
     * Records a batch of lines set-based; when the batch cannot be recorded as one (the same survey or student twice
     * in it, or a concurrent writer got there first), each line is recorded on its own instead. Either way every
     * line stands or falls on its own, and its result line is written after what it recorded is committed.
     */
    private void record(List<Pending> lines, Writer out) throws IOException {
        List<Pending> readable = lines.stream().filter(p -> p.document != null).toList();
        List<SurveyBatch.Outcome> outcomes = null;
        if (!readable.isEmpty()) {
            try {
                outcomes = batch.recordAll(readable.stream().map(p -> p.document).toList());
            } catch (SurveyBatch.Defer | org.springframework.dao.DataAccessException e) {
                outcomes = null;
            }
        }
        SurveyReceipt[] receipts = new SurveyReceipt[readable.size()];
        // the screening results written with the batch; those of earlier receipts and of lines recorded one by one are read
        Map<Long, ScreeningResult> results = new java.util.HashMap<>();
        for (int i = 0; i < readable.size(); i++) {
            Pending p = readable.get(i);
            try {
                SurveyReceipt receipt;
                if (outcomes == null) {
                    receipt = submitOnce(p.document);
                } else if (outcomes.get(i).rejected() != null) {
                    throw outcomes.get(i).rejected();
                } else {
                    receipt = outcomes.get(i).receipt();
                    if (outcomes.get(i).screening() != null) {
                        results.put(receipt.id(), outcomes.get(i).screening());
                    }
                }
                p.result.put("result", "ok");
                receipts[i] = receipt;
            } catch (SurveyRejectedException e) {
                p.result.put("result", "error");
                p.result.put("reason", e.reason().name());
                p.result.put("errors", errors(e.problems()));
            } catch (AccessDeniedException e) {
                p.result.put("result", "error");
                p.result.put("reason", "FORBIDDEN");
                p.result.put("errors", List.of(Map.of("field", "", "message", text("api.error.forbidden"))));
            }
        }
        List<Long> unread = java.util.Arrays.stream(receipts).filter(r -> r != null && !results.containsKey(r.id())).map(SurveyReceipt::id)
                .toList();
        if (!unread.isEmpty()) {
            results.putAll(screening.currentOfVisits(unread));
        }
        for (int i = 0; i < readable.size(); i++) {
            if (receipts[i] != null) {
                readable.get(i).result.putAll(receiptJson(receipts[i], results));
            }
        }
        for (Pending p : lines) {
            out.write(json.writeValueAsString(p.result));
            out.write('\n');
        }
        out.flush();
    }

    /** Attaches a photo (multipart: {@code kind} and {@code file}) to a visit: 201, or 200 for the same file again. */
    @PostMapping(path = "/surveys/{id}/photos", consumes = "multipart/form-data")
    ResponseEntity<Map<String, Object>> attachPhoto(@PathVariable long id, @RequestParam("kind") String kind,
                                                    @RequestParam("file") MultipartFile file) throws IOException {
        PhotoKind photoKind;
        try {
            photoKind = PhotoKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new SurveyRejectedException(SurveyRejectedException.Reason.INVALID, List.of(new FieldProblem("kind",
                    "survey.error.oneOf", List.of("EXTERIOR, INTERIOR, STUDENT, STUDENT_WITH_SCHOOL_SIGN"))));
        }
        VisitPhotos.Attached attached = photos.attach(id, photoKind, file.getBytes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", attached.photo().id());
        body.put("visitId", id);
        body.put("kind", attached.photo().kind().name());
        body.put("sha256", attached.photo().sha256());
        body.put("width", attached.photo().width());
        body.put("height", attached.photo().height());
        body.put("takenAt", attached.photo().takenAt());
        body.put("evidenceFlags", attached.evidenceFlags().stream().map(Enum::name).toList());
        return attached.created()
                ? ResponseEntity.created(URI.create("/api/v1/surveys/" + id + "/photos/" + attached.photo().id())).body(body)
                : ResponseEntity.ok(body);
    }

    /** A visit's photo as JPEG, re-encoded without EXIF; {@code ?size=thumb} for the thumbnail. */
    @GetMapping(path = "/surveys/{id}/photos/{photoId}", produces = "image/jpeg")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId,
                                 @RequestParam(name = "size", required = false) String size) throws IOException {
        try (java.io.InputStream in = photos.open(id, photoId, "thumb".equals(size))) {
            return ResponseEntity.ok().contentType(org.springframework.http.MediaType.IMAGE_JPEG)
                    .header("Cache-Control", "private, max-age=3600").body(in.readAllBytes());
        }
    }

    @ExceptionHandler(PhotoRejectedException.class)
    ResponseEntity<ProblemDetail> photoRejected(PhotoRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(text("api.error.title.400"));
        problem.setDetail(text(e.getMessageKey(), e.getArgs()));
        problem.setProperty("errors", List.of(Map.of("field", "file", "message", text(e.getMessageKey(), e.getArgs()))));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @GetMapping("/children/{nationalId}")
    Map<String, Object> child(@PathVariable String nationalId) {
        NationalId id = NationalId.of(nationalId);
        Surveys.ChildView view = surveys.child(id).orElseThrow(() -> new NotFoundException("child"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nationalId", view.child().getNationalId().value());
        body.put("title", view.child().getTitle());
        body.put("firstName", view.child().getFirstName());
        body.put("lastName", view.child().getLastName());
        body.put("birthDate", view.child().getBirthDate());
        body.put("sex", view.child().getSex().name());
        body.put("gradeLevel", view.child().getGradeLevel());
        body.put("status", view.child().getStatus().name());
        body.put("orgUnitCode", view.orgUnitCode());
        body.put("visits", view.visits().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", v.id());
            m.put("term", v.term());
            m.put("visitedOn", v.visitedOn());
            m.put("status", v.status());
            m.put("evidenceFlags", v.evidenceFlags());
            return m;
        }).toList());
        body.put("evidenceFlags", view.visits().isEmpty() ? List.of() : view.visits().get(0).evidenceFlags());
        return body;
    }

    @ExceptionHandler(SurveyRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(SurveyRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(text("api.error.title." + status.value()));
        problem.setDetail(text("survey.problem." + e.reason().name()));
        problem.setProperty("errors", errors(e.problems()));
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<ProblemDetail> unreadable(JacksonException e) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(text("api.error.title.400"));
        problem.setDetail(text("survey.error.json", e.getOriginalMessage()));
        problem.setProperty("errors", List.of(Map.of("field", path(e), "message", text("survey.error.json", e.getOriginalMessage()))));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Records the survey; a concurrent duplicate of the same externalId answers with the winner's receipt. */
    private SurveyReceipt submitOnce(SurveyDocument document) {
        try {
            return surveys.submit(document);
        } catch (DuplicateKeyException e) {
            if (document.externalId() != null) {
                return surveys.byExternalId(document.externalId()).orElseThrow(() -> e);
            }
            throw new SurveyRejectedException(SurveyRejectedException.Reason.CONFLICT,
                    List.of(new FieldProblem("members", "survey.error.alreadyVisited", List.of(document.term(), "?"))));
        }
    }

    private Map<String, Object> receiptJson(SurveyReceipt r) {
        return receiptJson(r, screening.currentOfVisits(List.of(r.id())));
    }

    /** The receipt with one screening result per student (survey-format.md), from the visits' current results. */
    private static Map<String, Object> receiptJson(SurveyReceipt r, Map<Long, ScreeningResult> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("externalId", r.externalId());
        body.put("term", r.term());
        body.put("status", r.status());
        body.put("students", r.students().stream().map(s -> Map.of("nationalId", s.nationalId(), "childId", s.childId())).toList());
        body.put("evidenceFlags", r.evidenceFlags());
        ScreeningResult result = results.get(r.id());
        body.put("screening", result == null ? List.of()
                : r.students().stream().map(s -> ScreeningJson.of(s.nationalId(), result)).toList());
        return body;
    }

    private List<Map<String, Object>> errors(List<FieldProblem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("field", p.field(),
                "message", text(p.messageKey(), p.args().toArray()))).toList();
    }

    private String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
