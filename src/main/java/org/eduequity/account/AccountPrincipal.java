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

    AccountPrincipal(UserAccount account, boolean locked) {
        this.id = account.getId();
        this.username = account.getUsername();
        this.displayName = account.getDisplayName();
        this.passwordHash = account.getPasswordHash();
        this.enabled = account.isEnabled();
        this.locked = locked;
        this.roles = Set.copyOf(account.getRoles());
        this.provinceCode = account.getProvinceCode();
        this.orgUnitIds = Set.copyOf(account.getOrgUnitIds());
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

    /** The widest area any of the user's roles covers. */
    public AreaScope scope() {
        return UserAccount.scopeOf(roles, provinceCode, orgUnitIds);
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
