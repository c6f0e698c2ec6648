package org.eduequity.account.web;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eduequity.account.Role;

/** The account form of the admin screens (create and edit); the password is used on create only. */
class UserForm {

    /** Checked on create only (it never changes afterwards), see {@link #checkUsername}. */
    private String username;

    @NotBlank(message = "{account.form.displayName.required}")
    @Size(max = 200, message = "{account.form.displayName.size}")
    private String displayName;

    private String password;

    private Set<Role> roles = EnumSet.noneOf(Role.class);

    private String provinceCode;

    /** Organisation unit codes separated by commas, spaces or new lines. */
    @Size(max = 2000, message = "{account.form.orgUnitCodes.size}")
    private String orgUnitCodes;

    /** An area worker's subdistricts: six-digit DOPA codes separated by commas, spaces or new lines. */
    @Size(max = 2000, message = "{account.form.subdistrictCodes.size}")
    private String subdistrictCodes;

    /** A provider user's provider code, such as P21001. */
    @Size(max = 6, message = "{account.form.providerCode.size}")
    private String providerCode;

    private long version;

    /** The account heads its units (early warning, ADR 0009); TEACHER accounts only. */
    private boolean unitHead;

    public boolean isUnitHead() {
        return unitHead;
    }

    public void setUnitHead(boolean unitHead) {
        this.unitHead = unitHead;
    }

    void checkUsername(org.springframework.validation.Errors errors) {
        if (username == null || username.isBlank()) {
            errors.rejectValue("username", "account.form.username.required");
        } else if (!username.trim().matches("[A-Za-z0-9._-]{3,50}")) {
            errors.rejectValue("username", "account.form.username.pattern");
        }
    }

    Set<String> orgUnitCodeSet() {
        return split(orgUnitCodes);
    }

    Set<String> subdistrictCodeSet() {
        return split(subdistrictCodes);
    }

    private static Set<String> split(String text) {
        Set<String> codes = new LinkedHashSet<>();
        if (text != null) {
            for (String c : text.split("[,\\s]+")) {
                if (!c.isBlank()) {
                    codes.add(c.trim());
                }
            }
        }
        return codes;
    }

    public String getSubdistrictCodes() {
        return subdistrictCodes;
    }

    public void setSubdistrictCodes(String subdistrictCodes) {
        this.subdistrictCodes = subdistrictCodes;
    }

    public String getProviderCode() {
        return providerCode;
    }

    public void setProviderCode(String providerCode) {
        this.providerCode = providerCode == null || providerCode.isBlank() ? null : providerCode.trim().toUpperCase(java.util.Locale.ROOT);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Set<Role> getRoles() {
        return roles;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles == null ? EnumSet.noneOf(Role.class) : roles;
    }

    public String getProvinceCode() {
        return provinceCode;
    }

    public void setProvinceCode(String provinceCode) {
        this.provinceCode = provinceCode == null || provinceCode.isBlank() ? null : provinceCode;
    }

    public String getOrgUnitCodes() {
        return orgUnitCodes;
    }

    public void setOrgUnitCodes(String orgUnitCodes) {
        this.orgUnitCodes = orgUnitCodes;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
