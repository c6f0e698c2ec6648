package org.eduequity.organisation.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eduequity.organisation.Affiliation;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnitManagement.OrgUnitData;
import org.eduequity.organisation.OrgUnitType;

/**
 * What the create and edit screens submit. The code is checked by the unit's own rules (it depends on the
 * type) and is ignored on edit, where it cannot change; {@code version} is the version the user loaded.
 */
record OrgUnitForm(
        String code,
        @NotBlank(message = "{orgUnit.rule.nameRequired}") @Size(max = 200, message = "{orgUnit.rule.nameTooLong}") String nameTh,
        @Size(max = 200, message = "{orgUnit.rule.nameTooLong}") String nameEn,
        @NotNull(message = "{orgUnit.rule.typeRequired}") OrgUnitType type,
        @NotNull(message = "{orgUnit.rule.affiliationRequired}") Affiliation affiliation,
        @NotBlank(message = "{orgUnit.form.subdistrictRequired}")
        @Pattern(regexp = "(\\s*[0-9]{6}\\s*)?", message = "{orgUnit.form.subdistrictFormat}") String subdistrictCode,
        Long version) {

    static OrgUnitForm empty() {
        return new OrgUnitForm("", "", "", null, null, "", null);
    }

    static OrgUnitForm of(OrgUnit unit) {
        return new OrgUnitForm(unit.getCode(), unit.getNameTh(), unit.getNameEn(), unit.getType(), unit.getAffiliation(),
                unit.getSubdistrictCode(), unit.getVersion());
    }

    /** The unit's data, with the given code (the submitted one on create, the unit's own on edit). */
    OrgUnitData toData(String withCode) {
        return new OrgUnitData(withCode, nameTh, nameEn, type, affiliation, subdistrictCode == null ? null : subdistrictCode.trim());
    }
}
