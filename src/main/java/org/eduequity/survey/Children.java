package org.eduequity.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.NationalId;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The children on organisation units' rolls, always read within the caller's area. */
@Service
@Transactional
public class Children {

    private final ChildRepository children;
    private final OrgUnits orgUnits;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Children(ChildRepository children, OrgUnits orgUnits, JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.children = children;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A child to put on a unit's roll. */
    public record NewChild(NationalId nationalId, String title, String firstName, String lastName, LocalDate birthDate,
                           Sex sex, String nationality, String orgUnitCode, String gradeLevel) {
    }

    /** Registers a child unless one with the same national id exists; returns whether it was new. */
    public boolean registerIfAbsent(NewChild c) {
        if (children.existsByNationalId(c.nationalId().value())) {
            return false;
        }
        OrgUnit unit = orgUnits.byCode(c.orgUnitCode())
                .orElseThrow(() -> new IllegalArgumentException("Unknown organisation unit " + c.orgUnitCode()));
        Child child = children.save(new Child(c.nationalId(), c.title(), c.firstName(), c.lastName(), c.birthDate(), c.sex(),
                c.nationality(), unit.getId(), unit.getProvinceCode(), c.gradeLevel(), Instant.now(clock)));
        audit.record(AuditAction.CREATE, "Child", child.getId(), null);
        return true;
    }

    @Transactional(readOnly = true)
    public Page<Child> within(AreaScope scope, Pageable pageable) {
        return children.findAll(scope.<Child>specification("provinceCode", "orgUnitId"), pageable);
    }

    /** Number of children per organisation unit id, within the scope. */
    @Transactional(readOnly = true)
    public Map<Long, Long> countByOrgUnit(AreaScope scope) {
        AreaScope.SqlPredicate where = scope.sql("province_code", "org_unit_id");
        Map<Long, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT org_unit_id, count(*) AS n FROM child WHERE " + where.sql() + " GROUP BY org_unit_id ORDER BY org_unit_id",
                rs -> {
                    counts.put(rs.getLong("org_unit_id"), rs.getLong("n"));
                }, where.args().toArray());
        return counts;
    }

    /** Number of children per province code, within the scope. */
    @Transactional(readOnly = true)
    public Map<String, Long> countByProvince(AreaScope scope) {
        AreaScope.SqlPredicate where = scope.sql("province_code", "org_unit_id");
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT province_code, count(*) AS n FROM child WHERE " + where.sql() + " GROUP BY province_code ORDER BY province_code",
                rs -> {
                    counts.put(rs.getString("province_code"), rs.getLong("n"));
                }, where.args().toArray());
        return counts;
    }

    @Transactional(readOnly = true)
    public List<Child> ofOrgUnit(AreaScope scope, long orgUnitId) {
        return children.findAll(scope.<Child>specification("provinceCode", "orgUnitId")
                .and((root, q, cb) -> cb.equal(root.get("orgUnitId"), orgUnitId)));
    }
}
