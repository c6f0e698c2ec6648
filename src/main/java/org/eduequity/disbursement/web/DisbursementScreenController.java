package org.eduequity.disbursement.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eduequity.disbursement.PaymentRounds;
import org.eduequity.disbursement.Programme;
import org.eduequity.disbursement.Programmes;
import org.eduequity.disbursement.RoundRefusedException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The fund office's screens: programmes (read-only), payment rounds (list, detail with its lines, approval). */
@Controller
@PreAuthorize("hasRole('FUND')")
class DisbursementScreenController {

    private static final int ROUNDS_SHOWN = 200;
    private static final int LINES_PER_PAGE = 100;
    private static final int SKIPPED_SHOWN = 200;

    private final Programmes programmes;
    private final PaymentRounds rounds;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Geography geography;
    private final java.time.Clock clock;

    DisbursementScreenController(Programmes programmes, PaymentRounds rounds, AuditLog audit, MessageSource messages, Geography geography,
                                 java.time.Clock clock) {
        this.programmes = programmes;
        this.rounds = rounds;
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
        model.addAttribute("programmes", programmes.all().stream().filter(p -> p.active() && p.fromCertifiedLists()).toList());
        model.addAttribute("lists", form.term() == null ? List.of() : rounds.certifiedLists(form.term()));
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

    @GetMapping("/disbursement/rounds")
    String rounds(Model model) {
        model.addAttribute("rounds", rounds.latest(ROUNDS_SHOWN));
        model.addAttribute("programmes", programmeMap());
        return "disbursement/rounds";
    }

    @GetMapping("/disbursement/rounds/{id}")
    String round(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        PaymentRounds.Round r = rounds.get(id);
        int lastPage = Math.max(0, (r.lineCount() - 1) / LINES_PER_PAGE);
        int shown = Math.min(Math.max(page, 0), lastPage);
        List<PaymentRounds.Skip> skipped = rounds.skipped(id);
        model.addAttribute("round", r);
        model.addAttribute("programme", programmes.byCode(r.programmeCode()).orElse(null));
        model.addAttribute("totals", rounds.totals(id));
        model.addAttribute("budget", rounds.budget(id));
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

    private Map<String, Programme> programmeMap() {
        return programmes.all().stream().collect(Collectors.toMap(Programme::code, Function.identity()));
    }
}
