package org.eduequity.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.ProviderDirectory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The account use cases: administrators create, change, disable and reset accounts; everything is audited. */
@Service
@Transactional
public class Accounts {

    private final UserAccountRepository accounts;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final Geography geography;
    private final OrgUnits orgUnits;
    private final AuditLog audit;
    private final Clock clock;
    private final ProviderDirectory providers;

    Accounts(UserAccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy, Geography geography,
             OrgUnits orgUnits, AuditLog audit, Clock clock, ProviderDirectory providers) {
        this.providers = providers;
        this.accounts = accounts;
        this.encoder = encoder;
        this.policy = policy;
        this.geography = geography;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an administrator enters for a new account: an area worker's subdistricts (six-digit DOPA codes) and a
     * provider user's provider code as well.
     */
    public record NewAccount(String username, String displayName, String password, Set<Role> roles, String provinceCode,
                             Set<Long> orgUnitIds, Set<String> subdistrictCodes, String providerCode) {
        public NewAccount(String username, String displayName, String password, Set<Role> roles, String provinceCode,
                          Set<Long> orgUnitIds) {
            this(username, displayName, password, roles, provinceCode, orgUnitIds, Set.of(), null);
        }

        public NewAccount {
            subdistrictCodes = subdistrictCodes == null ? Set.of() : Set.copyOf(subdistrictCodes);
        }
    }

    /** What an administrator changes on an account. */
    public record AccountChange(String displayName, Set<Role> roles, String provinceCode, Set<Long> orgUnitIds,
                                Set<String> subdistrictCodes, String providerCode) {
        public AccountChange(String displayName, Set<Role> roles, String provinceCode, Set<Long> orgUnitIds) {
            this(displayName, roles, provinceCode, orgUnitIds, Set.of(), null);
        }

        public AccountChange {
            subdistrictCodes = subdistrictCodes == null ? Set.of() : Set.copyOf(subdistrictCodes);
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount create(NewAccount request) {
        String username = UserAccount.normalise(request.username());
        if (accounts.existsByUsername(username)) {
            throw new AccountRuleException("account.rule.usernameTaken");
        }
        requireAcceptable(request.password(), username);
        checkArea(request.provinceCode(), request.orgUnitIds());
        checkFinding(request.subdistrictCodes(), request.providerCode());
        Instant now = Instant.now(clock);
        UserAccount account = new UserAccount(username, request.displayName().trim(), encoder.encode(request.password()), now);
        account.assign(request.roles(), request.provinceCode(), request.orgUnitIds(), request.subdistrictCodes(),
                request.providerCode(), now);
        accounts.save(account);
        audit.record(AuditAction.CREATE, "UserAccount", account.getId(), "roles=" + account.getRoles());
        return account;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount update(long id, long expectedVersion, AccountChange change) {
        UserAccount account = load(id, expectedVersion);
        checkArea(change.provinceCode(), change.orgUnitIds());
        checkFinding(change.subdistrictCodes(), change.providerCode());
        Instant now = Instant.now(clock);
        account.rename(change.displayName().trim(), now);
        account.assign(change.roles(), change.provinceCode(), change.orgUnitIds(), change.subdistrictCodes(),
                change.providerCode(), now);
        audit.record(AuditAction.UPDATE, "UserAccount", id, "roles=" + account.getRoles() + " province="
                + account.getProvinceCode() + " orgUnits=" + account.getOrgUnitIds()
                + (account.getSubdistrictCodes().isEmpty() ? "" : " subdistricts=" + new java.util.TreeSet<>(account.getSubdistrictCodes()))
                + (account.getProviderCode() == null ? "" : " provider=" + account.getProviderCode()));
        return account;
    }

    /** As {@link #update(long, long, AccountChange)}, and marks the account as its units' head (TEACHER accounts only). */
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount update(long id, long expectedVersion, AccountChange change, boolean unitHead) {
        if (unitHead && (change.roles() == null || !change.roles().contains(Role.TEACHER))) {
            throw new AccountRuleException("account.rule.unitHeadTeacher");
        }
        UserAccount account = update(id, expectedVersion, change);
        if (account.isUnitHead() != unitHead) {
            account.markUnitHead(unitHead, Instant.now(clock));
            audit.record(AuditAction.UPDATE, "UserAccount", id, "unitHead=" + unitHead);
        }
        return account;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void resetPassword(long id, long expectedVersion, String newPassword) {
        UserAccount account = load(id, expectedVersion);
        requireAcceptable(newPassword, account.getUsername());
        account.changePassword(encoder.encode(newPassword), Instant.now(clock));
        audit.record(AuditAction.PASSWORD_RESET, "UserAccount", id, null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void disable(long id, long expectedVersion) {
        UserAccount account = load(id, expectedVersion);
        account.disable(Instant.now(clock));
        audit.record(AuditAction.DISABLE, "UserAccount", id, null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void enable(long id, long expectedVersion) {
        UserAccount account = load(id, expectedVersion);
        account.enable(Instant.now(clock));
        audit.record(AuditAction.ENABLE, "UserAccount", id, null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Page<UserAccount> search(String text, Pageable pageable) {
        String like = text == null || text.isBlank() ? null : "%" + text.trim().toLowerCase() + "%";
        return accounts.search(like, pageable);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> byId(long id) {
        return accounts.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> byUsername(String username) {
        return accounts.findByUsername(UserAccount.normalise(username));
    }

    /** The organisation units of an account, for display. */
    @Transactional(readOnly = true)
    public List<OrgUnit> orgUnitsOf(UserAccount account) {
        return orgUnits.byIds(account.getOrgUnitIds());
    }

    private UserAccount load(long id, long expectedVersion) {
        UserAccount account = accounts.findById(id).orElseThrow(() -> new AccountRuleException("account.rule.notFound"));
        if (account.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(UserAccount.class, id);
        }
        return account;
    }

    private void requireAcceptable(String password, String username) {
        List<String> problems = policy.check(password, username);
        if (!problems.isEmpty()) {
            throw new PasswordRuleException(problems);
        }
    }

    private void checkFinding(Set<String> subdistrictCodes, String providerCode) {
        for (String code : subdistrictCodes) {
            if (geography.subdistrict(code).isEmpty()) {
                throw new AccountRuleException("account.rule.unknownSubdistrict");
            }
        }
        if (providerCode != null && !providerCode.isBlank() && providers.provinceOf(providerCode).isEmpty()) {
            throw new AccountRuleException("account.rule.unknownProvider");
        }
    }

    private void checkArea(String provinceCode, Set<Long> orgUnitIds) {
        if (provinceCode != null && !provinceCode.isBlank() && geography.province(provinceCode).isEmpty()) {
            throw new AccountRuleException("account.rule.unknownProvince");
        }
        if (orgUnitIds != null && orgUnits.byIds(orgUnitIds).size() != orgUnitIds.size()) {
            throw new AccountRuleException("account.rule.unknownOrgUnit");
        }
    }
}
