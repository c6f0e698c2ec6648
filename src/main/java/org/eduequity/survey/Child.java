package org.eduequity.survey;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.eduequity.shared.NationalId;

/** A child on the roll of an organisation unit. */
@Entity
@Table(name = "child")
public class Child {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "national_id", nullable = false, unique = true, length = 13)
    private String nationalId;

    private String title;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    @Column(name = "birth_date", nullable = false)
    private LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Sex sex;

    @Column(nullable = false, length = 3)
    private String nationality;

    @Column(name = "org_unit_id", nullable = false)
    private Long orgUnitId;

    @Column(name = "province_code", nullable = false, length = 2)
    private String provinceCode;

    @Column(name = "grade_level", nullable = false, length = 10)
    private String gradeLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChildStatus status = ChildStatus.IN_SCHOOL;

    /** Where an out-of-school child was found, when its record was made for a full home visit of a found child. */
    @Column(name = "found_subdistrict_code", length = 6)
    private String foundSubdistrictCode;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Child() {
    }

    Child(NationalId nationalId, String title, String firstName, String lastName, LocalDate birthDate, Sex sex,
          String nationality, long orgUnitId, String provinceCode, String gradeLevel, Instant now) {
        this.nationalId = nationalId.value();
        this.title = title;
        this.firstName = firstName;
        this.lastName = lastName;
        this.birthDate = birthDate;
        this.sex = sex;
        this.nationality = nationality;
        this.orgUnitId = orgUnitId;
        this.provinceCode = provinceCode;
        this.gradeLevel = gradeLevel;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Changes what the teachers' child form edits; the version guards against lost updates. */
    void update(NationalId nationalId, String title, String firstName, String lastName, LocalDate birthDate, Sex sex,
                long orgUnitId, String provinceCode, String gradeLevel, ChildStatus status, Instant now) {
        this.nationalId = nationalId.value();
        this.title = title;
        this.firstName = firstName;
        this.lastName = lastName;
        this.birthDate = birthDate;
        this.sex = sex;
        this.orgUnitId = orgUnitId;
        this.provinceCode = provinceCode;
        this.gradeLevel = gradeLevel;
        this.status = status;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public NationalId getNationalId() {
        return NationalId.of(nationalId);
    }

    public String getTitle() {
        return title;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getFullName() {
        return (title == null ? "" : title + " ") + firstName + " " + lastName;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public Sex getSex() {
        return sex;
    }

    public String getNationality() {
        return nationality;
    }

    public Long getOrgUnitId() {
        return orgUnitId;
    }

    public String getProvinceCode() {
        return provinceCode;
    }

    public String getGradeLevel() {
        return gradeLevel;
    }

    public ChildStatus getStatus() {
        return status;
    }

    public long getVersion() {
        return version;
    }

    public String getFoundSubdistrictCode() {
        return foundSubdistrictCode;
    }

    /**
     * Whether the scope reaches this child: its unit's roll, or — for a child found out of school and still out of school —
     * the subdistrict it was found in (the area worker who makes its full home visit; ADR 0011).
     */
    public boolean visibleIn(org.eduequity.shared.AreaScope scope) {
        return scope.coversOrgUnit(orgUnitId, provinceCode) || foundIn(scope);
    }

    /** Whether the child is out of school and was found in a subdistrict of the scope. */
    public boolean foundIn(org.eduequity.shared.AreaScope scope) {
        return status == ChildStatus.OUT_OF_SCHOOL && foundSubdistrictCode != null && scope.coversSubdistrict(foundSubdistrictCode);
    }

    /** Marks the child as found out of school in a subdistrict (its record now serves a found child's full visit). */
    void foundOutOfSchool(String subdistrictCode, Instant now) {
        this.foundSubdistrictCode = subdistrictCode;
        this.status = ChildStatus.OUT_OF_SCHOOL;
        this.updatedAt = now;
    }
}
