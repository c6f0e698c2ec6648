package org.eduequity.account.web;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Makes the signed-in user available to every page as {@code me} (null when signed out). */
@ControllerAdvice
class CurrentUserAdvice {

    private final CurrentUser currentUser;

    CurrentUserAdvice(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @ModelAttribute("me")
    AccountPrincipal me() {
        return currentUser.principal().orElse(null);
    }
}
