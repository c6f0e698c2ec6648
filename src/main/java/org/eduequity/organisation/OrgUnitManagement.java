package org.eduequity.organisation;

import java.time.Clock;
import java.time.Instant;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.geography.Geography;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing organisation units (administrators); every change is audited. */
@Service
@Transactional
public class OrgUnitManagement {

    private final OrgUnitRepository units;
    private final Geography geography;
    private final AuditLog audit;
    private final Clock clock;

    OrgUnitManagement(OrgUnitRepository units, Geography geography, AuditLog audit, Clock clock) {
        this.units = units;
        this.geography = geography;
        this.audit = audit;
        this.clock = clock;
    }

    /** What describes a unit. */
    public record OrgUnitData(String code, String nameTh, String nameEn, OrgUnitType type, Affiliation affiliation,
                              String subdistrictCode) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    public OrgUnit create(OrgUnitData data) {
        validate(data);
        if (units.existsByCode(data.code().trim())) {
            throw new OrgUnitRuleException("code", "orgUnit.rule.codeTaken");
        }
        OrgUnit unit = units.save(new OrgUnit(data.code().trim(), data.nameTh().trim(), blankToNull(data.nameEn()), data.type(),
                data.affiliation(), data.subdistrictCode(), Instant.now(clock)));
        audit.record(AuditAction.CREATE, "OrgUnit", unit.getId(), unit.getCode());
        return unit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public OrgUnit update(long id, long expectedVersion, OrgUnitData data) {
        OrgUnit unit = units.findById(id).orElseThrow(() -> new OrgUnitRuleException("id", "orgUnit.rule.notFound"));
        if (unit.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(OrgUnit.class, id);
        }
        validate(new OrgUnitData(unit.getCode(), data.nameTh(), data.nameEn(), data.type(), data.affiliation(), data.subdistrictCode()));
        unit.describe(data.nameTh().trim(), blankToNull(data.nameEn()), data.type(), data.affiliation(), data.subdistrictCode(),
                Instant.now(clock));
        audit.record(AuditAction.UPDATE, "OrgUnit", unit.getId(), unit.getCode());
        return unit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public OrgUnit setActive(long id, long expectedVersion, boolean active) {
        OrgUnit unit = units.findById(id).orElseThrow(() -> new OrgUnitRuleException("id", "orgUnit.rule.notFound"));
        if (unit.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(OrgUnit.class, id);
        }
        unit.setActive(active, Instant.now(clock));
        audit.record(active ? AuditAction.ENABLE : AuditAction.DISABLE, "OrgUnit", unit.getId(), unit.getCode());
        return unit;
    }

    /** Checks a unit's data; the first broken rule is thrown with the field it concerns. */
    void validate(OrgUnitData data) {
        if (data.code() == null || data.code().isBlank()) {
            throw new OrgUnitRuleException("code", "orgUnit.rule.codeRequired");
        }
        String code = data.code().trim();
        if (data.type() == OrgUnitType.SCHOOL && !code.matches("[0-9]{10}")) {
            throw new OrgUnitRuleException("code", "orgUnit.rule.schoolCode");
        }
        if (!code.matches("[0-9A-Za-z-]{4,20}")) {
            throw new OrgUnitRuleException("code", "orgUnit.rule.codeFormat");
        }
        if (data.nameTh() == null || data.nameTh().isBlank()) {
            throw new OrgUnitRuleException("nameTh", "orgUnit.rule.nameRequired");
        }
        if (data.nameTh().trim().length() > 200 || (data.nameEn() != null && data.nameEn().trim().length() > 200)) {
            throw new OrgUnitRuleException("nameTh", "orgUnit.rule.nameTooLong");
        }
        if (data.type() == null) {
            throw new OrgUnitRuleException("type", "orgUnit.rule.typeRequired");
        }
        if (data.affiliation() == null) {
            throw new OrgUnitRuleException("affiliation", "orgUnit.rule.affiliationRequired");
        }
        if (data.subdistrictCode() == null || geography.subdistrict(data.subdistrictCode().trim()).isEmpty()) {
            throw new OrgUnitRuleException("subdistrictCode", "orgUnit.rule.unknownSubdistrict");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
