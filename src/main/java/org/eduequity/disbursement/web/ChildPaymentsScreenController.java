package org.eduequity.disbursement.web;

import java.time.Clock;
import java.time.LocalDate;

import org.eduequity.disbursement.Ledger;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A teacher's view of their own children's payments in a term: each payment line with its status (planned, approved,
 * paid, failed) and reversals. Here, in the disbursement module, so that the survey module does not depend on it.
 */
@Controller
@PreAuthorize("hasRole('TEACHER')")
class ChildPaymentsScreenController {

    private final Ledger ledger;
    private final Clock clock;

    ChildPaymentsScreenController(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/disbursement/children")
    String children(@RequestParam(required = false) String term, Model model) {
        String theTerm;
        try {
            theTerm = term == null || term.isBlank() ? Term.containing(LocalDate.now(clock)).toString() : Term.parse(term.strip()).toString();
        } catch (InvalidValueException e) {
            theTerm = Term.containing(LocalDate.now(clock)).toString();
            model.addAttribute("termError", true);
        }
        model.addAttribute("term", theTerm);
        model.addAttribute("lines", ledger.ofChildrenInArea(theTerm));
        model.addAttribute("maxLines", Ledger.MAX_CHILD_LINES);
        return "disbursement/children";
    }
}
