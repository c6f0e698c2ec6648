package org.eduequity.survey.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eduequity.shared.BuddhistDateFormat;
import org.eduequity.survey.Child;
import org.eduequity.survey.ChildStatus;
import org.eduequity.survey.GradeLevel;
import org.eduequity.survey.Sex;

/** What the child create and edit screens submit; {@code version} is the version the user loaded. */
record ChildForm(
        @NotBlank(message = "{validation.nationalId.required}") String nationalId,
        @Size(max = 50, message = "{child.rule.tooLong}") String title,
        @NotBlank(message = "{child.rule.firstName}") @Size(max = 100, message = "{child.rule.tooLong}") String firstName,
        @NotBlank(message = "{child.rule.lastName}") @Size(max = 100, message = "{child.rule.tooLong}") String lastName,
        @NotNull(message = "{child.rule.birthDate}") @BuddhistDateFormat LocalDate birthDate,
        @NotNull(message = "{child.rule.sex}") Sex sex,
        @NotNull(message = "{child.rule.gradeLevel}") GradeLevel gradeLevel,
        @NotNull(message = "{child.rule.orgUnit}") Long orgUnitId,
        ChildStatus status,
        Long version) {

    static ChildForm empty(Long orgUnitId) {
        return new ChildForm("", "", "", "", null, null, null, orgUnitId, ChildStatus.IN_SCHOOL, null);
    }

    static ChildForm of(Child c) {
        return new ChildForm(c.getNationalId().formatted(), c.getTitle(), c.getFirstName(), c.getLastName(), c.getBirthDate(),
                c.getSex(), GradeLevel.parse(c.getGradeLevel()).orElse(null), c.getOrgUnitId(), c.getStatus(), c.getVersion());
    }
}
