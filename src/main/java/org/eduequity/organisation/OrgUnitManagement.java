package org.eduequity.organisation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
                data.affiliation(), data.subdistrictCode().trim(), Instant.now(clock)));
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
        unit.describe(data.nameTh().trim(), blankToNull(data.nameEn()), data.type(), data.affiliation(), data.subdistrictCode().trim(),
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
        List<Problem> problems = check(data);
        if (!problems.isEmpty()) {
            throw new OrgUnitRuleException(problems.get(0).field(), problems.get(0).messageKey());
        }
    }

    /**
     * Checks a unit's data without changing anything and returns every broken rule, at most one per field
     * (empty when the data is acceptable). Whether the code is taken is not checked here.
     */
    public List<Problem> check(OrgUnitData data) {
        return check(data, code -> geography.subdistrict(code).isPresent());
    }

    /** As {@link #check(OrgUnitData)}, with the subdistrict codes known beforehand (bulk checks). */
    List<Problem> check(OrgUnitData data, Predicate<String> subdistrictExists) {
        List<Problem> problems = new ArrayList<>();
        String code = data.code() == null ? "" : data.code().trim();
        if (code.isEmpty()) {
            problems.add(new Problem("code", "orgUnit.rule.codeRequired"));
        } else if (data.type() == OrgUnitType.SCHOOL && !code.matches("[0-9]{10}")) {
            problems.add(new Problem("code", "orgUnit.rule.schoolCode"));
        } else if (!code.matches("[0-9A-Za-z-]{4,20}")) {
            problems.add(new Problem("code", "orgUnit.rule.codeFormat"));
        }
        if (data.nameTh() == null || data.nameTh().isBlank()) {
            problems.add(new Problem("nameTh", "orgUnit.rule.nameRequired"));
        } else if (data.nameTh().trim().length() > 200) {
            problems.add(new Problem("nameTh", "orgUnit.rule.nameTooLong"));
        }
        if (data.nameEn() != null && data.nameEn().trim().length() > 200) {
            problems.add(new Problem("nameEn", "orgUnit.rule.nameTooLong"));
        }
        if (data.type() == null) {
            problems.add(new Problem("type", "orgUnit.rule.typeRequired"));
        }
        if (data.affiliation() == null) {
            problems.add(new Problem("affiliation", "orgUnit.rule.affiliationRequired"));
        }
        if (data.subdistrictCode() == null || !data.subdistrictCode().trim().matches("[0-9]{6}")
                || !subdistrictExists.test(data.subdistrictCode().trim())) {
            problems.add(new Problem("subdistrictCode", "orgUnit.rule.unknownSubdistrict"));
        }
        return problems;
    }

    /** A broken rule: the field it concerns, a message key and the message's arguments. */
    public record Problem(String field, String messageKey, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }

        public Problem(String field, String messageKey) {
            this(field, messageKey, List.of());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
