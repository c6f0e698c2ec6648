package org.eduequity.organisation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A school, child-development centre or non-formal-education centre. Its province and district are
 * derived from its subdistrict and kept on the row so that area scoping is a single predicate.
 */
@Entity
@Table(name = "org_unit")
public class OrgUnit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 20)
    private String code;

    @Column(name = "name_th", nullable = false)
    private String nameTh;

    @Column(name = "name_en")
    private String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrgUnitType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Affiliation affiliation;

    @Column(name = "subdistrict_code", nullable = false, length = 6)
    private String subdistrictCode;

    @Column(name = "district_code", nullable = false, length = 4)
    private String districtCode;

    @Column(name = "province_code", nullable = false, length = 2)
    private String provinceCode;

    @Column(nullable = false)
    private boolean active = true;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected OrgUnit() {
    }

    OrgUnit(String code, String nameTh, String nameEn, OrgUnitType type, Affiliation affiliation, String subdistrictCode,
            Instant now) {
        this.code = code;
        this.createdAt = now;
        describe(nameTh, nameEn, type, affiliation, subdistrictCode, now);
    }

    /** Changes what the unit is called, what it is and where it lies. The code never changes. */
    void describe(String nameTh, String nameEn, OrgUnitType type, Affiliation affiliation, String subdistrictCode, Instant now) {
        this.nameTh = nameTh;
        this.nameEn = nameEn;
        this.type = type;
        this.affiliation = affiliation;
        this.subdistrictCode = subdistrictCode;
        this.districtCode = subdistrictCode.substring(0, 4);
        this.provinceCode = subdistrictCode.substring(0, 2);
        this.updatedAt = now;
    }

    void setActive(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getNameTh() {
        return nameTh;
    }

    public String getNameEn() {
        return nameEn;
    }

    public OrgUnitType getType() {
        return type;
    }

    public Affiliation getAffiliation() {
        return affiliation;
    }

    public String getSubdistrictCode() {
        return subdistrictCode;
    }

    public String getDistrictCode() {
        return districtCode;
    }

    public String getProvinceCode() {
        return provinceCode;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
