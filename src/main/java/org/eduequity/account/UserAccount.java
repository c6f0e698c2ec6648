package org.eduequity.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.eduequity.shared.AreaScope;

/**
 * A person who signs in, with the roles they hold and the area those roles cover. The account guards its
 * own rules: a PROVINCE user has exactly one province, a TEACHER at least one organisation unit, an
 * AREA_WORKER at least one subdistrict, a PROVIDER exactly one provider.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 50)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role")
    private Set<Role> roles = new HashSet<>();

    @Column(name = "province_code", length = 2)
    private String provinceCode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_org_unit", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "org_unit_id")
    private Set<Long> orgUnitIds = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_subdistrict", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "subdistrict_code")
    private Set<String> subdistrictCodes = new HashSet<>();

    @Column(name = "provider_code", length = 6)
    private String providerCode;

    /** A TEACHER who heads their units (sees the early-warning alerts unacknowledged for 7 days; ADR 0009). */
    @Column(name = "unit_head", nullable = false)
    private boolean unitHead;

    @Column(name = "preferred_locale", nullable = false, length = 5)
    private String preferredLocale = "th";

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserAccount() {
    }

    UserAccount(String username, String displayName, String passwordHash, Instant now) {
        this.username = normalise(username);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    static String normalise(String username) {
        return username == null ? null : username.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Gives the account its roles and area; refuses combinations that leave a role without its area. */
    void assign(Set<Role> newRoles, String newProvinceCode, Set<Long> newOrgUnitIds, Instant now) {
        assign(newRoles, newProvinceCode, newOrgUnitIds, Set.of(), null, now);
    }

    /** Gives the account its roles and area, with an area worker's subdistricts and a provider user's provider. */
    void assign(Set<Role> newRoles, String newProvinceCode, Set<Long> newOrgUnitIds, Set<String> newSubdistricts,
                String newProviderCode, Instant now) {
        if (newRoles.contains(Role.AREA_WORKER) && (newSubdistricts == null || newSubdistricts.isEmpty())) {
            throw new AccountRuleException("account.rule.subdistrictRequired");
        }
        if (newRoles.contains(Role.PROVIDER) && (newProviderCode == null || newProviderCode.isBlank())) {
            throw new AccountRuleException("account.rule.providerRequired");
        }
        if (newRoles.isEmpty()) {
            throw new AccountRuleException("account.rule.noRole");
        }
        if (newRoles.contains(Role.PROVINCE) && (newProvinceCode == null || newProvinceCode.isBlank())) {
            throw new AccountRuleException("account.rule.provinceRequired");
        }
        if (newRoles.contains(Role.TEACHER) && newOrgUnitIds.isEmpty()) {
            throw new AccountRuleException("account.rule.orgUnitRequired");
        }
        this.roles = EnumSet.copyOf(newRoles);
        this.provinceCode = newRoles.contains(Role.PROVINCE) ? newProvinceCode : null;
        this.orgUnitIds = newRoles.contains(Role.TEACHER) ? new HashSet<>(newOrgUnitIds) : new HashSet<>();
        this.subdistrictCodes = newRoles.contains(Role.AREA_WORKER) ? new HashSet<>(newSubdistricts) : new HashSet<>();
        this.providerCode = newRoles.contains(Role.PROVIDER) ? newProviderCode : null;
        this.updatedAt = now;
    }

    void rename(String newDisplayName, Instant now) {
        this.displayName = newDisplayName;
        this.updatedAt = now;
    }

    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
        this.updatedAt = now;
    }

    void disable(Instant now) {
        this.enabled = false;
        this.updatedAt = now;
    }

    void enable(Instant now) {
        this.enabled = true;
        this.updatedAt = now;
    }

    void preferLocale(String language) {
        this.preferredLocale = language;
    }

    /**
     * The widest area any of the account's roles covers (without the subdistricts of non-formal-education centres,
     * which the signed-in principal adds).
     */
    public AreaScope scope() {
        return scopeOf(roles, provinceCode, orgUnitIds, subdistrictCodes, providerCode);
    }

    /** The widest area any of these roles covers: national for FUND and ADMIN, else the province, else the units. */
    static AreaScope scopeOf(Set<Role> roles, String provinceCode, Set<Long> orgUnitIds) {
        return scopeOf(roles, provinceCode, orgUnitIds, Set.of(), null);
    }

    /**
     * The widest area any of these roles covers: national for FUND and ADMIN, else the province, else a teacher's
     * units (with the subdistricts where they also find out-of-school children), else an area worker's subdistricts,
     * else a provider.
     *
     * @param findingSubdistricts an area worker's subdistricts and those of a teacher's non-formal-education centres
     */
    static AreaScope scopeOf(Set<Role> roles, String provinceCode, Set<Long> orgUnitIds, Set<String> findingSubdistricts,
                             String providerCode) {
        if (roles.contains(Role.FUND) || roles.contains(Role.ADMIN)) {
            return AreaScope.NATIONAL;
        }
        if (roles.contains(Role.PROVINCE) && provinceCode != null) {
            return AreaScope.province(provinceCode);
        }
        if (roles.contains(Role.TEACHER)) {
            return AreaScope.orgUnits(orgUnitIds, findingSubdistricts);
        }
        if (roles.contains(Role.AREA_WORKER)) {
            return AreaScope.subdistricts(findingSubdistricts);
        }
        if (roles.contains(Role.PROVIDER)) {
            return AreaScope.provider(providerCode);
        }
        return AreaScope.NONE;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Set<Role> getRoles() {
        return Set.copyOf(roles);
    }

    public String getProvinceCode() {
        return provinceCode;
    }

    public Set<Long> getOrgUnitIds() {
        return Set.copyOf(orgUnitIds);
    }

    public Set<String> getSubdistrictCodes() {
        return Set.copyOf(subdistrictCodes);
    }

    public String getProviderCode() {
        return providerCode;
    }

    public String getPreferredLocale() {
        return preferredLocale;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isUnitHead() {
        return unitHead;
    }

    /** Marks or unmarks the account as the head of its units. */
    public void markUnitHead(boolean head, Instant now) {
        if (this.unitHead != head) {
            this.unitHead = head;
            this.updatedAt = now;
        }
    }
}
