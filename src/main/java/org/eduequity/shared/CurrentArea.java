package org.eduequity.shared;

/**
 * Gives the area scope of the user of the current request; implemented by the account module so that
 * every other module can scope its queries without depending on how accounts are stored.
 */
public interface CurrentArea {

    AreaScope scope();

    /** Throws {@link org.springframework.security.access.AccessDeniedException} unless the province is in scope. */
    default void requireProvince(String provinceCode) {
        if (!scope().coversProvince(provinceCode)) {
            throw new org.springframework.security.access.AccessDeniedException("Province " + provinceCode + " is outside the user's area");
        }
    }

    /** Throws {@link org.springframework.security.access.AccessDeniedException} unless the unit is in scope. */
    default void requireOrgUnit(long orgUnitId, String provinceCode) {
        if (!scope().coversOrgUnit(orgUnitId, provinceCode)) {
            throw new org.springframework.security.access.AccessDeniedException("Organisation unit " + orgUnitId + " is outside the user's area");
        }
    }
}
