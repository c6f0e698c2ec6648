package org.eduequity.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads accounts for form login and HTTP Basic alike, marking an account locked after too many failures. */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final UserAccountRepository accounts;
    private final LoginAttempts attempts;

    AccountUserDetailsService(UserAccountRepository accounts, LoginAttempts attempts) {
        this.accounts = accounts;
        this.attempts = attempts;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.findByUsername(UserAccount.normalise(username))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return new AccountPrincipal(account, attempts.isLocked(account.getUsername()));
    }
}
