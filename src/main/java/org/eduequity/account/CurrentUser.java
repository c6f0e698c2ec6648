package org.eduequity.account;

import java.util.Optional;

import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The user of the current request and the area they may see. */
@Component
public class CurrentUser implements CurrentArea {

    public Optional<AccountPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    public AccountPrincipal require() {
        return principal().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }

    @Override
    public AreaScope scope() {
        return principal().map(AccountPrincipal::scope).orElse(AreaScope.NONE);
    }
}
