package org.eduequity.account;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.eduequity.shared.AreaScope;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as kept in the (database-backed) HTTP session: small, serialisable, without the
 * password hash once authenticated.
 */
public final class AccountPrincipal implements UserDetails, CredentialsContainer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;
    private final Set<Role> roles;
    private final String provinceCode;
    private final Set<Long> orgUnitIds;
    /** An area worker's subdistricts and those of the user's non-formal-education centres (may be null in old sessions). */
    private final Set<String> findingSubdistricts;
    private final String providerCode;

    AccountPrincipal(UserAccount account, boolean locked) {
        this(account, locked, Set.of());
    }

    /**
     * @param nfeSubdistricts the subdistricts of the user's non-formal-education centres, where a TEACHER of the
     *                        centre finds out-of-school children as an area worker does
     */
    AccountPrincipal(UserAccount account, boolean locked, Set<String> nfeSubdistricts) {
        this.id = account.getId();
        this.username = account.getUsername();
        this.displayName = account.getDisplayName();
        this.passwordHash = account.getPasswordHash();
        this.enabled = account.isEnabled();
        this.locked = locked;
        this.roles = Set.copyOf(account.getRoles());
        this.provinceCode = account.getProvinceCode();
        this.orgUnitIds = Set.copyOf(account.getOrgUnitIds());
        Set<String> finding = new java.util.HashSet<>(account.getSubdistrictCodes());
        if (roles.contains(Role.TEACHER)) {
            finding.addAll(nfeSubdistricts);
        }
        this.findingSubdistricts = Set.copyOf(finding);
        this.providerCode = account.getProviderCode();
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(Role.valueOf(role));
    }

    public String provinceCode() {
        return provinceCode;
    }

    public Set<Long> orgUnitIds() {
        return orgUnitIds;
    }

    /** The subdistricts where the user finds out-of-school children (area worker, non-formal-education teacher). */
    public Set<String> findingSubdistricts() {
        return findingSubdistricts == null ? Set.of() : findingSubdistricts;
    }

    /** The provider of a PROVIDER user, else null. */
    public String providerCode() {
        return providerCode;
    }

    /** Whether the user records found out-of-school children somewhere (an area worker, a non-formal-education teacher). */
    public boolean findsChildren() {
        return !findingSubdistricts().isEmpty();
    }

    /** The widest area any of the user's roles covers. */
    public AreaScope scope() {
        return UserAccount.scopeOf(roles, provinceCode, orgUnitIds, findingSubdistricts(), providerCode);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountPrincipal other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + username + ", " + List.copyOf(roles) + "]";
    }
}
