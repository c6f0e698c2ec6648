package org.eduequity.survey.web;

import org.eduequity.survey.ReturnedVisits;
import org.eduequity.survey.SurveyRejectedException;
import org.eduequity.survey.VisitDrafts;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The teachers' inbox of visits the provincial review returned for correction (the reason, who returned it and
 * when, the children), and "correct", which opens the home-visit form on a draft holding the visit's answers.
 */
@Controller
@PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
class ReturnedVisitsController {

    private final ReturnedVisits returned;
    private final VisitDrafts drafts;

    ReturnedVisitsController(ReturnedVisits returned, VisitDrafts drafts) {
        this.returned = returned;
        this.drafts = drafts;
    }

    @GetMapping("/visits/returned")
    String inbox(Model model) {
        model.addAttribute("visits", returned.inbox());
        return "visit/returned";
    }

    @PostMapping("/visits/{visitId}/correct")
    @PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
    String correct(@PathVariable long visitId, RedirectAttributes redirect) {
        try {
            VisitDrafts.Draft draft = drafts.openCorrection(visitId);
            return "redirect:/visits/drafts/" + draft.id();
        } catch (SurveyRejectedException e) {
            redirect.addFlashAttribute("flashError", "survey.error.notReturned");
            return "redirect:/visits/returned";
        }
    }
}
