package org.eduequity.account;

import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnitType;
import org.eduequity.organisation.OrgUnits;
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
    private final OrgUnits orgUnits;

    AccountUserDetailsService(UserAccountRepository accounts, LoginAttempts attempts, OrgUnits orgUnits) {
        this.accounts = accounts;
        this.attempts = attempts;
        this.orgUnits = orgUnits;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.findByUsername(UserAccount.normalise(username))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        // a teacher of a non-formal-education centre finds out-of-school children in the centre's subdistrict
        java.util.Set<String> nfe = account.getOrgUnitIds().isEmpty() ? java.util.Set.of()
                : orgUnits.byIds(account.getOrgUnitIds()).stream().filter(u -> u.getType() == OrgUnitType.NFE_CENTRE)
                        .map(OrgUnit::getSubdistrictCode).collect(java.util.stream.Collectors.toSet());
        return new AccountPrincipal(account, attempts.isLocked(account.getUsername()), nfe);
    }
}
