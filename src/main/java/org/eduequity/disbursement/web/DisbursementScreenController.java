package org.eduequity.disbursement.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eduequity.disbursement.BankReconciliation;
import org.eduequity.disbursement.PaymentRounds;
import org.eduequity.disbursement.Programme;
import org.eduequity.disbursement.Programmes;
import org.eduequity.disbursement.RoundRefusedException;
import org.eduequity.disbursement.RoundSummaries;
import org.eduequity.audit.AuditLog;
import org.eduequity.geography.Geography;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The fund office's screens: programmes (read-only), payment rounds (list, detail with its lines, approval). */
@Controller
@PreAuthorize("hasRole('FUND')")
class DisbursementScreenController {

    private static final int ROUNDS_SHOWN = 200;
    private static final int LINES_PER_PAGE = 100;
    private static final int SKIPPED_SHOWN = 200;

    private final Programmes programmes;
    private final PaymentRounds rounds;
    private final BankReconciliation bank;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Geography geography;
    private final java.time.Clock clock;
    private final org.eduequity.disbursement.BudgetDashboard budgets;
    private final RoundSummaries summaries;

    DisbursementScreenController(Programmes programmes, PaymentRounds rounds, BankReconciliation bank, AuditLog audit, MessageSource messages,
                                 Geography geography, java.time.Clock clock, org.eduequity.disbursement.BudgetDashboard budgets,
                                 RoundSummaries summaries) {
        this.budgets = budgets;
        this.summaries = summaries;
        this.programmes = programmes;
        this.rounds = rounds;
        this.bank = bank;
        this.audit = audit;
        this.messages = messages;
        this.geography = geography;
        this.clock = clock;
    }

    /** What the new-round form sends. */
    record RoundForm(String programme, String term, List<Long> certifications, String overBudgetReason) {
    }

    @GetMapping("/disbursement/rounds/new")
    String newRound(@RequestParam(required = false) String programme, @RequestParam(required = false) String term, Model model) {
        String theTerm = parseTerm(term);
        if (theTerm == null) {
            theTerm = Term.containing(java.time.LocalDate.now(clock)).toString();
        }
        return form(new RoundForm(programme, theTerm, List.of(), null), null, List.of(), model);
    }

    @PostMapping("/disbursement/rounds")
    String create(RoundForm form, Model model, RedirectAttributes redirect, java.util.Locale locale) {
        String term = parseTerm(form.term());
        if (term == null) {
            return form(form, messages.getMessage("round.error.term", null, locale), List.of(), model);
        }
        try {
            PaymentRounds.Created created = rounds.create(form.programme() == null ? "" : form.programme(), term,
                    form.certifications() == null ? List.of() : form.certifications(), form.overBudgetReason());
            redirect.addFlashAttribute("flashSuccess", "disbursement.new.created");
            return "redirect:/disbursement/rounds/" + created.round().id();
        } catch (RoundRefusedException e) {
            return form(new RoundForm(form.programme(), term, form.certifications(), form.overBudgetReason()),
                    messages.getMessage(e.key(), e.args(), e.key(), locale), e.overBudget(), model);
        }
    }

    private String form(RoundForm form, String error, List<PaymentRounds.BudgetCheck> overBudget, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("overBudget", overBudget);
        model.addAttribute("programmes", programmes.all().stream().filter(p -> p.active() && (p.fromCertifiedLists() || p.fromCases())).toList());
        boolean cases = form.programme() != null && programmes.byCode(form.programme()).map(Programme::fromCases).orElse(false);
        model.addAttribute("cases", cases);
        model.addAttribute("lists", form.term() == null ? List.of() : cases ? rounds.certifiedCaseLists(form.term()) : rounds.certifiedLists(form.term()));
        model.addAttribute("provinces", geography.provinces().stream()
                .collect(Collectors.toMap(Geography.Province::code, Function.identity())));
        return "disbursement/new";
    }

    private static String parseTerm(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Term.parse(text.strip()).toString();
        } catch (InvalidValueException e) {
            return null;
        }
    }

    @GetMapping("/disbursement/programmes")
    String programmes(Model model) {
        model.addAttribute("programmes", programmes.all());
        return "disbursement/programmes";
    }

    /** Each province's budget of a programme and term, used and paid, as a table with a bar each. */
    @GetMapping("/disbursement/budget")
    String budget(@RequestParam(required = false) String term, @RequestParam(required = false) String programme, Model model) {
        String theTerm;
        try {
            theTerm = term == null || term.isBlank() ? Term.containing(java.time.LocalDate.now(clock)).toString()
                    : Term.parse(term.strip()).toString();
        } catch (InvalidValueException e) {
            theTerm = Term.containing(java.time.LocalDate.now(clock)).toString();
            model.addAttribute("termError", true);
        }
        List<Programme> all = programmes.all();
        String code = programme != null && all.stream().anyMatch(p -> p.code().equals(programme)) ? programme
                : all.stream().map(Programme::code).filter("CCT_IN_SCHOOL"::equals).findFirst()
                        .orElse(all.get(0).code());
        model.addAttribute("term", theTerm);
        model.addAttribute("programme", code);
        model.addAttribute("programmes", all);
        model.addAttribute("rows", budgets.of(code, theTerm));
        model.addAttribute("provinces", geography.provinces().stream().collect(Collectors.toMap(p -> p.code(), p -> p)));
        return "disbursement/budget";
    }

    @GetMapping("/disbursement/rounds")
    String rounds(Model model) {
        model.addAttribute("rounds", rounds.latest(ROUNDS_SHOWN));
        model.addAttribute("programmes", programmeMap());
        return "disbursement/rounds";
    }

    @GetMapping("/disbursement/rounds/{id}")
    String round(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        return roundPage(id, page, model);
    }

    private String roundPage(long id, int page, Model model) {
        PaymentRounds.Round r = rounds.get(id);
        int lastPage = Math.max(0, (r.lineCount() - 1) / LINES_PER_PAGE);
        int shown = Math.min(Math.max(page, 0), lastPage);
        List<PaymentRounds.Skip> skipped = rounds.skipped(id);
        model.addAttribute("round", r);
        model.addAttribute("caseRound", programmes.byCode(r.programmeCode()).map(Programme::fromCases).orElse(false));
        model.addAttribute("programme", programmes.byCode(r.programmeCode()).orElse(null));
        model.addAttribute("totals", rounds.totals(id));
        model.addAttribute("budget", rounds.budget(id));
        model.addAttribute("byProvince", summaries.provinces(id));
        model.addAttribute("lines", rounds.lines(id, shown, LINES_PER_PAGE));
        model.addAttribute("page", shown);
        model.addAttribute("lastPage", lastPage);
        model.addAttribute("skipped", skipped.subList(0, Math.min(SKIPPED_SHOWN, skipped.size())));
        model.addAttribute("skippedShown", SKIPPED_SHOWN);
        model.addAttribute("ownRound", audit.who().actor().equals(r.createdBy()));
        return "disbursement/round";
    }

    @PostMapping("/disbursement/rounds/{id}/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect, java.util.Locale locale) {
        try {
            rounds.approve(id);
            redirect.addFlashAttribute("flashSuccess", "disbursement.round.approved");
        } catch (RoundRefusedException e) {
            redirect.addFlashAttribute("roundError", messages.getMessage(e.key(), e.args(), e.key(), locale));
        }
        return "redirect:/disbursement/rounds/" + id;
    }

    /**
     * Downloads the bank file (a POST: the first export moves the round to EXPORTED). A round without one goes back to
     * its page with the reason (the response is written here, so the redirect and its flash message are too).
     */
    @PostMapping("/disbursement/rounds/{id}/bank-file")
    void bankFile(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        LazyCsv csv = new LazyCsv(response, "bank-file-round-" + id + ".csv", BankReconciliation.BANK_FILE_HEADER);
        try {
            bank.bankFile(id, line -> BankReconciliation.csv(csv.open()).accept(line));
        } catch (org.eduequity.disbursement.RoundRefusedException e) {
            String location = request.getContextPath() + "/disbursement/rounds/" + id;
            org.springframework.web.servlet.FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put("roundError", messages.getMessage(e.key(), e.args(), e.key(), locale));
            RequestContextUtils.saveOutputFlashMap(location, request, response);
            response.sendRedirect(location);
            return;
        }
        csv.finish();
    }

    /** Applies an uploaded bank result file and shows the round with the report (or the file's fault). */
    @PostMapping("/disbursement/rounds/{id}/bank-results")
    String bankResults(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file, Model model, Locale locale) {
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", messages.getMessage("bankResults.error.noFile", null, locale));
            return roundPage(id, 0, model);
        }
        try (InputStream in = file.getInputStream()) {
            model.addAttribute("report", bank.applyResults(id, in, file.getContentType()));
        } catch (BankReconciliation.BadFileException e) {
            String message = messages.getMessage(e.key(), e.args(), e.key(), locale);
            model.addAttribute("fileError", e.line() > 0
                    ? messages.getMessage(e.whereKey(), new Object[] {e.line(), message}, locale) : message);
        } catch (org.eduequity.disbursement.RoundRefusedException e) {
            model.addAttribute("fileError", messages.getMessage(e.key(), e.args(), e.key(), locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roundPage(id, 0, model);
    }

    /** Reverses a paid line of the round with a reason. */
    @PostMapping("/disbursement/rounds/{id}/reversals")
    String reverse(@PathVariable long id, @RequestParam(required = false) String lineRef, @RequestParam(required = false) String reason,
                   Model model, RedirectAttributes redirect, Locale locale) {
        try {
            bank.reverse(id, lineRef, reason);
        } catch (org.eduequity.disbursement.RoundRefusedException e) {
            model.addAttribute("reversalError", messages.getMessage(e.key(), e.args(), e.key(), locale));
            model.addAttribute("reversalField", e.field());
            model.addAttribute("reversalLineRef", lineRef);
            model.addAttribute("reversalReason", reason);
            return roundPage(id, 0, model);
        }
        redirect.addFlashAttribute("flashSuccess", "disbursement.reversal.done");
        return "redirect:/disbursement/rounds/" + id;
    }

    /** The round's lines as CSV (UTF-8 with BOM, the header in the user's language), streamed from PostgreSQL's COPY. */
    @GetMapping("/disbursement/rounds/{id}/lines.csv")
    void linesCsv(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        rounds.get(id);
        String header = String.join(",", LINE_COLUMNS.stream()
                .map(k -> BankReconciliation.quote(messages.getMessage("disbursement.csv." + k, null, k, locale))).toList());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"round-" + id + "-lines.csv\"");
        OutputStream out = response.getOutputStream();
        out.write(("\uFEFF" + header + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bank.linesCsv(id, out);
        out.flush();
    }

    /** The round's lines as XLSX (the CSV's columns), written with POI's streaming SXSSF. */
    @GetMapping("/disbursement/rounds/{id}/lines.xlsx")
    void linesXlsx(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        rounds.get(id);
        List<String> header = LINE_COLUMNS.stream().map(k -> messages.getMessage("disbursement.csv." + k, null, k, locale)).toList();
        try (LinesXlsx xlsx = new LinesXlsx(header, messages.getMessage("disbursement.xlsx.sheet", new Object[] {String.valueOf(id)}, locale))) {
            bank.eachLine(id, xlsx::add);
            response.setContentType(LinesXlsx.MEDIA_TYPE);
            response.setHeader("Content-Disposition", "attachment; filename=\"round-" + id + "-lines.xlsx\"");
            xlsx.write(response.getOutputStream());
        }
    }

    /** The PDF summary of one province of the round: totals by district and by organisation unit. */
    @GetMapping("/disbursement/rounds/{id}/provinces/{province}/summary.pdf")
    void provincePdf(@PathVariable long id, @PathVariable String province, HttpServletResponse response, Locale locale) throws IOException {
        if (!province.matches("[0-9]{2}")) {
            throw new org.eduequity.shared.web.NotFoundException("province " + province);
        }
        RoundSummaries.ProvinceSummary summary = summaries.province(id, province);
        Programme programme = programmes.byCode(summary.round().programmeCode()).orElse(null);
        ProvinceSummaryPdf.Heading heading = new ProvinceSummaryPdf.Heading(
                programme == null ? summary.round().programmeCode() : programme.name(locale),
                messages.getMessage("disbursement.roundStatus." + summary.round().status(), null, locale), clock.instant());
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"round-" + id + "-province-" + province + ".pdf\"");
        ProvinceSummaryPdf.write(response.getOutputStream(), summary, heading, each -> summaries.eachUnit(id, province, each), messages, locale);
    }

    private static final List<String> LINE_COLUMNS = List.of("lineRef", "nationalId", "firstName", "lastName", "province", "orgUnit",
            "classification", "payeeType", "payeeName", "payeeAccount", "amount", "status");

    private Map<String, Programme> programmeMap() {
        return programmes.all().stream().collect(Collectors.toMap(Programme::code, Function.identity()));
    }
}
