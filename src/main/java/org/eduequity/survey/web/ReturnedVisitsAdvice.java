package org.eduequity.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eduequity.account.CurrentUser;
import org.eduequity.survey.ReturnedVisits;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the pages a teacher opens the number of their visits returned for correction ({@code returnedCount}, shown
 * next to "returned visits" in the menu); null for other users, other methods and the API.
 */
@ControllerAdvice
class ReturnedVisitsAdvice {

    private final CurrentUser currentUser;
    private final ReturnedVisits returned;

    ReturnedVisitsAdvice(CurrentUser currentUser, ReturnedVisits returned) {
        this.currentUser = currentUser;
        this.returned = returned;
    }

    @ModelAttribute("returnedCount")
    Long returnedCount(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        boolean teacher = currentUser.principal().map(p -> p.hasRole("TEACHER")).orElse(false);
        return teacher ? returned.count() : null;
    }
}
