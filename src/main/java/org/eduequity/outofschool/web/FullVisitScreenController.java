package org.eduequity.outofschool.web;

import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.FullVisits;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The full home visit of a found child (ADR 0011): started from the found child's page, it opens the home-visit form of
 * the survey module; the form leads back here when the area worker does not reach the centre's roll the child is on.
 */
@Controller
@RequestMapping("/out-of-school")
class FullVisitScreenController {

    private final FullVisits visits;

    FullVisitScreenController(FullVisits visits) {
        this.visits = visits;
    }

    /** Starts or continues the current term's full visit, or comes back to the found child's page saying why not. */
    @PostMapping("/children/{id}/visit")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'ADMIN')")
    String open(@PathVariable long id, RedirectAttributes redirect) {
        try {
            return "redirect:/visits/drafts/" + visits.open(id);
        } catch (FindingRejectedException e) {
            redirect.addFlashAttribute("flashError", e.problems().get(0).messageKey());
            return "redirect:/out-of-school/children/" + id + "#full-visit";
        }
    }

    /** The found child's page of a child visited as found out of school (where the visit form leads back to). */
    @GetMapping("/visited/{childId}")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    String visited(@PathVariable long childId) {
        return "redirect:/out-of-school/children/" + visits.foundChildOf(childId) + "#full-visit";
    }
}
