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

/**
 * What the child create and edit screens submit; {@code version} is the version the user loaded. A bean rather than
 * a record so that an unreadable date is reported against its field while the other inputs stay bound.
 */
public class ChildForm {
    @NotBlank(message = "{validation.nationalId.required}")
    private String nationalId;
    @Size(max = 50, message = "{child.rule.tooLong}")
    private String title;
    @NotBlank(message = "{child.rule.firstName}") @Size(max = 100, message = "{child.rule.tooLong}")
    private String firstName;
    @NotBlank(message = "{child.rule.lastName}") @Size(max = 100, message = "{child.rule.tooLong}")
    private String lastName;
    @NotNull(message = "{child.rule.birthDate}") @BuddhistDateFormat
    private LocalDate birthDate;
    @NotNull(message = "{child.rule.sex}")
    private Sex sex;
    @NotNull(message = "{child.rule.gradeLevel}")
    private GradeLevel gradeLevel;
    @NotNull(message = "{child.rule.orgUnit}")
    private Long orgUnitId;
    private ChildStatus status;
    private Long version;

    static ChildForm empty(Long orgUnitId) {
        ChildForm f = new ChildForm();
        f.orgUnitId = orgUnitId;
        f.status = ChildStatus.IN_SCHOOL;
        return f;
    }

    static ChildForm of(Child c) {
        ChildForm f = new ChildForm();
        f.nationalId = c.getNationalId().formatted();
        f.title = c.getTitle();
        f.firstName = c.getFirstName();
        f.lastName = c.getLastName();
        f.birthDate = c.getBirthDate();
        f.sex = c.getSex();
        f.gradeLevel = GradeLevel.parse(c.getGradeLevel()).orElse(null);
        f.orgUnitId = c.getOrgUnitId();
        f.status = c.getStatus();
        f.version = c.getVersion();
        return f;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(LocalDate birthDate) {
        this.birthDate = birthDate;
    }

    public Sex getSex() {
        return sex;
    }

    public void setSex(Sex sex) {
        this.sex = sex;
    }

    public GradeLevel getGradeLevel() {
        return gradeLevel;
    }

    public void setGradeLevel(GradeLevel gradeLevel) {
        this.gradeLevel = gradeLevel;
    }

    public Long getOrgUnitId() {
        return orgUnitId;
    }

    public void setOrgUnitId(Long orgUnitId) {
        this.orgUnitId = orgUnitId;
    }

    public ChildStatus getStatus() {
        return status;
    }

    public void setStatus(ChildStatus status) {
        this.status = status;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
