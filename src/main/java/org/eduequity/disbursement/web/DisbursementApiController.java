package org.eduequity.disbursement.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.disbursement.BankReconciliation;
import org.eduequity.disbursement.Ledger;
import org.eduequity.disbursement.PaymentRounds;
import org.eduequity.disbursement.Programme;
import org.eduequity.disbursement.Programmes;
import org.eduequity.disbursement.RoundRefusedException;
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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The disbursement API of survey-format.md ("Disbursement"): programmes, payment rounds, a child's payments. */
@RestController
@RequestMapping("/api/v1")
class DisbursementApiController {

    private final Programmes programmes;
    private final PaymentRounds rounds;
    private final Ledger ledger;
    private final BankReconciliation bank;
    private final MessageSource messages;

    DisbursementApiController(Programmes programmes, PaymentRounds rounds, Ledger ledger, BankReconciliation bank, MessageSource messages) {
        this.programmes = programmes;
        this.rounds = rounds;
        this.ledger = ledger;
        this.bank = bank;
        this.messages = messages;
    }

    /** Every programme. */
    @GetMapping("/programmes")
    @PreAuthorize("hasRole('FUND')")
    List<Map<String, Object>> programmes() {
        Locale locale = LocaleContextHolder.getLocale();
        return programmes.all().stream().map(p -> programme(p, locale)).toList();
    }

    static Map<String, Object> programme(Programme p, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name(locale));
        m.put("targetGroup", p.targetGroup());
        m.put("amountRule", p.amountRule());
        m.put("amount", p.amount().toString());
        m.put("payee", p.payeeType());
        m.put("eligibleClasses", p.eligibleClasses());
        m.put("shares", p.shares().stream().map(s -> Map.of("payee", s.payeeType(), "amount", s.amount().toString())).toList());
        m.put("active", p.active());
        return m;
    }

    /** What {@code POST /api/v1/payment-rounds} takes. */
    record RoundBody(String programme, String term, List<Long> certifications, String overBudgetReason) {
    }

    /** Plans a round: 201 with its id, status, line count, total and the children skipped with why. */
    @PostMapping(path = "/payment-rounds", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    ResponseEntity<Map<String, Object>> create(@RequestBody RoundBody body) {
        if (body.programme() == null || body.programme().isBlank()) {
            throw new ApiRefusal("programme", "round.error.programmeRequired");
        }
        String term;
        try {
            term = Term.parse(body.term() == null ? "" : body.term().strip()).toString();
        } catch (InvalidValueException e) {
            throw new ApiRefusal("term", "round.error.term");
        }
        PaymentRounds.Created created = rounds.create(body.programme().strip(), term, body.certifications(), body.overBudgetReason());
        PaymentRounds.Round r = created.round();
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        m.put("lines", r.lineCount());
        m.put("total", r.total().toString());
        m.put("skipped", skipped(created.skipped(), locale));
        if (r.overBudgetReason() != null) {
            m.put("overBudgetReason", r.overBudgetReason());
            m.put("overBudget", budget(rounds.budget(r.id()).stream().filter(PaymentRounds.BudgetCheck::over).toList()));
        }
        return ResponseEntity.created(URI.create("/api/v1/payment-rounds/" + r.id())).body(m);
    }

    /** A second fund user approves the round; its creator gets 403. */
    @PostMapping("/payment-rounds/{id}/approval")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> approve(@PathVariable long id) {
        PaymentRounds.Round r = rounds.approve(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        m.put("approvedBy", r.approvedBy());
        return m;
    }

    /** A round's status, counts and totals by line status, and a page of its lines. */
    @GetMapping("/payment-rounds/{id}")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> round(@PathVariable long id, @RequestParam(defaultValue = "0") String page,
                              @RequestParam(defaultValue = "100") String size) {
        int pageNumber = number(page, "page", 0, Integer.MAX_VALUE);
        int pageSize = number(size, "size", 1, PaymentRounds.MAX_PAGE_SIZE);
        PaymentRounds.Round r = rounds.get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("programme", r.programmeCode());
        m.put("term", r.term());
        m.put("status", r.status().name());
        m.put("certifications", r.certificationIds());
        m.put("provinces", r.provinceCodes());
        m.put("lines", r.lineCount());
        m.put("total", r.total().toString());
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> totals = new LinkedHashMap<>();
        for (PaymentRounds.StatusTotal t : rounds.totals(id)) {
            counts.put(t.status().name(), t.lines());
            totals.put(t.status().name(), t.total().toString());
        }
        m.put("counts", counts);
        m.put("totals", totals);
        m.put("skippedCount", r.skippedCount());
        m.put("overBudgetReason", r.overBudgetReason());
        m.put("createdBy", r.createdBy());
        m.put("createdAt", r.createdAt().toString());
        m.put("approvedBy", r.approvedBy());
        m.put("approvedAt", r.approvedAt() == null ? null : r.approvedAt().toString());
        m.put("exportedBy", r.exportedBy());
        m.put("exportedAt", r.exportedAt() == null ? null : r.exportedAt().toString());
        m.put("page", pageNumber);
        m.put("size", pageSize);
        m.put("items", rounds.lines(id, pageNumber, pageSize).stream().map(l -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("lineRef", l.lineRef());
            item.put("nationalId", l.nationalId());
            item.put("name", l.firstName() + " " + l.lastName());
            item.put("province", l.provinceCode());
            item.put("orgUnitCode", l.orgUnitCode());
            item.put("classification", l.classification());
            item.put("payeeType", l.payeeType());
            item.put("payeeName", l.payeeName());
            item.put("payeeAccount", l.payeeAccount());
            item.put("amount", l.amount().toString());
            item.put("status", l.status().name());
            return item;
        }).toList());
        return m;
    }

    /**
     * The bank file of an approved round (CSV, UTF-8 with BOM): its lines awaiting a result. The first export makes the
     * round EXPORTED; a round not yet approved, or reconciled, gets 409.
     */
    @GetMapping("/payment-rounds/{id}/bank-file")
    @PreAuthorize("hasRole('FUND')")
    void bankFile(@PathVariable long id, HttpServletResponse response) throws IOException {
        LazyCsv csv = new LazyCsv(response, "bank-file-round-" + id + ".csv", BankReconciliation.BANK_FILE_HEADER);
        bank.bankFile(id, line -> BankReconciliation.csv(csv.open()).accept(line));
        csv.finish();
    }

    /**
     * Applies the bank's result file (text/csv, or an XLSX workbook: lineRef,amount,status,date,message) and reports what
     * it did. An XLSX body is known by its first bytes (a ZIP); sent as XLSX, a body that is not one is refused.
     */
    @PostMapping("/payment-rounds/{id}/bank-results")
    @PreAuthorize("hasRole('FUND')")
    Map<String, Object> bankResults(@PathVariable long id, HttpServletRequest request) throws IOException {
        return report(bank.applyResults(id, request.getInputStream(), request.getContentType()));
    }

    static Map<String, Object> report(BankReconciliation.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paid", r.paid());
        m.put("failed", r.failed());
        m.put("unknown", r.unknown());
        m.put("amountMismatch", r.amountMismatch());
        m.put("duplicates", r.duplicates());
        m.put("alreadyApplied", r.alreadyApplied());
        m.put("unknownCount", r.unknownCount());
        m.put("amountMismatchCount", r.amountMismatchCount());
        m.put("duplicatesCount", r.duplicatesCount());
        return m;
    }

    /** What {@code POST /api/v1/payment-rounds/{id}/reversals} takes. */
    record ReversalBody(String lineRef, String reason) {
    }

    /** Reverses a paid line of the round with a reason: 201 with the reversal; the line becomes FAILED. */
    @PostMapping(path = "/payment-rounds/{id}/reversals", consumes = "application/json")
    @PreAuthorize("hasRole('FUND')")
    ResponseEntity<Map<String, Object>> reverse(@PathVariable long id, @RequestBody ReversalBody body) {
        BankReconciliation.Reversal r = bank.reverse(id, body.lineRef(), body.reason());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lineRef", r.lineRef());
        m.put("status", r.lineStatus().name());
        m.put("amount", "-" + r.amount());
        m.put("reason", r.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(m);
    }

    /** The child's ledger, for whoever may see the child. */
    @GetMapping("/children/{nationalId}/payments")
    Map<String, Object> payments(@PathVariable String nationalId) {
        List<Ledger.Payment> payments = ledger.ofChild(nationalId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nationalId", org.eduequity.shared.NationalId.of(nationalId).value());
        m.put("payments", payments.stream().map(p -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("programme", p.programmeCode());
            item.put("term", p.term());
            item.put("round", p.roundId());
            item.put("lineRef", p.lineRef());
            item.put("payeeType", p.payeeType());
            item.put("amount", p.amount().toString());
            item.put("status", p.status().name());
            item.put("entries", p.entries().stream().map(DisbursementApiController::entry).toList());
            item.put("reversals", p.reversals().stream().map(DisbursementApiController::entry).toList());
            return item;
        }).toList());
        return m;
    }

    private static Map<String, Object> entry(Ledger.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind());
        m.put("amount", e.amount().toString());
        m.put("at", e.recordedAt().toString());
        if (e.reason() != null) {
            m.put("reason", e.reason());
        }
        return m;
    }

    private List<Map<String, Object>> skipped(List<PaymentRounds.Skip> skips, Locale locale) {
        List<Map<String, Object>> list = new ArrayList<>(skips.size());
        for (PaymentRounds.Skip s : skips) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nationalId", s.nationalId());
            if (s.caseId() != null) {
                m.put("caseId", s.caseId());
            }
            m.put("reason", s.reason());
            m.put("payeeType", s.payeeType());
            m.put("detail", messages.getMessage(s.messageKey(), null, s.reason(), locale));
            list.add(m);
        }
        return list;
    }

    private static List<Map<String, Object>> budget(List<PaymentRounds.BudgetCheck> checks) {
        return checks.stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("province", b.provinceCode());
            m.put("budget", b.budget() == null ? null : b.budget().toString());
            m.put("used", b.used().toString());
            m.put("planned", b.planned().toString());
            m.put("excess", b.excess().toString());
            return m;
        }).toList();
    }

    private static int number(String text, String field, int min, int max) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiRefusal(field, "round.error." + field, max);
    }

    /** A request field refused before the service is asked. */
    static class ApiRefusal extends RuntimeException {
        final String field;
        final String key;
        final transient Object[] args;

        ApiRefusal(String field, String key, Object... args) {
            super(key);
            this.field = field;
            this.key = key;
            this.args = args;
        }
    }

    @ExceptionHandler(ApiRefusal.class)
    ResponseEntity<ProblemDetail> badRequest(ApiRefusal e) {
        return problem(HttpStatus.BAD_REQUEST, e.field, e.key, e.args, null);
    }

    @ExceptionHandler(BankReconciliation.BadFileException.class)
    ResponseEntity<ProblemDetail> badFile(BankReconciliation.BadFileException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(messages.getMessage("api.error.title.400", null, "Bad Request", locale));
        String message = messages.getMessage(e.key(), e.args(), e.key(), locale);
        String where = e.line() > 0 ? messages.getMessage(e.whereKey(), new Object[] {e.line(), message}, locale) : message;
        problem.setDetail(where);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "file");
        error.put("line", e.line());
        error.put("message", message);
        problem.setProperty("errors", List.of(error));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(RoundRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RoundRefusedException e) {
        boolean overBudget = !e.overBudget().isEmpty();
        HttpStatus status = e.field() == null || overBudget ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return problem(status, e.field(), e.key(), e.args(), e);
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String key, Object[] args, RoundRefusedException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage("api.error.title." + status.value(), null, status.getReasonPhrase(), locale));
        String message = messages.getMessage(key, args, key, locale);
        if (status == HttpStatus.BAD_REQUEST) {
            problem.setDetail(messages.getMessage("api.error.validation", null, locale));
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        } else {
            problem.setDetail(message);
        }
        if (e != null && !e.overBudget().isEmpty()) {
            problem.setProperty("overBudget", budget(e.overBudget()));
        }
        if (e != null && !e.skipped().isEmpty()) {
            problem.setProperty("skipped", skipped(e.skipped(), locale));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
