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
import org.eduequity.shared.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
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

    /**
     * Whether a child with this national id or G-code is on a current roll (a school, child-development centre or
     * non-formal-education centre, status IN_SCHOOL), whoever's area it lies in: the out-of-school finding flags such
     * a child as in school. Tells nothing else about the child.
     */
    @Transactional(readOnly = true)
    public boolean isOnCurrentRoster(NationalId nationalId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM child WHERE national_id = ? AND status = 'IN_SCHOOL')",
                Boolean.class, nationalId.value()));
    }

    /**
     * The id of the child with this national id or G-code, whoever's area it lies in (the out-of-school case shows the
     * child's screening results on its timeline; the caller checks its own right to the case).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> idOf(NationalId nationalId) {
        return jdbc.query("SELECT id FROM child WHERE national_id = ?", (rs, i) -> rs.getLong(1), nationalId.value()).stream().findFirst();
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

    /** A child found out of school, to be visited at home: who, and the subdistrict where it was found. */
    public record FoundOutOfSchool(NationalId nationalId, String firstName, String lastName, LocalDate birthDate, Sex sex,
                                   String subdistrictCode) {
    }

    /** Why a found child cannot have a child record for a full home visit. */
    public static class NotVisitableException extends RuntimeException {
        private final String messageKey;

        public NotVisitableException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String getMessageKey() {
            return messageKey;
        }
    }

    /**
     * The child record a found out-of-school child's full home visit is made on (ADR 0011): the child with the same
     * national id or G-code when there is one and it is not on a current roll (it is marked out of school and found in
     * the subdistrict), else a new child on the roll of the non-formal-education centre of the subdistrict — or, when the
     * subdistrict has none, of its district — with status OUT_OF_SCHOOL and grade level NFE. Refused
     * ({@link NotVisitableException}) when the child is in school, or when the district has no non-formal-education
     * centre. The caller (the out-of-school module) has checked the caller's right to the found child.
     */
    public Child recordFoundOutOfSchool(FoundOutOfSchool f) {
        Instant now = Instant.now(clock);
        java.util.Optional<Child> existing = children.findByNationalId(f.nationalId().value());
        if (existing.isPresent()) {
            Child child = existing.get();
            if (child.getStatus() == ChildStatus.IN_SCHOOL) {
                throw new NotVisitableException("finding.visit.error.inSchool");
            }
            if (!f.subdistrictCode().equals(child.getFoundSubdistrictCode()) || child.getStatus() != ChildStatus.OUT_OF_SCHOOL) {
                child.foundOutOfSchool(f.subdistrictCode(), now);
                children.flush();
                audit.record(AuditAction.UPDATE, "Child", child.getId(), "found out of school in subdistrict " + f.subdistrictCode());
            }
            return child;
        }
        List<Long> centres = jdbc.queryForList("""
                SELECT id FROM org_unit WHERE type = 'NFE_CENTRE' AND district_code = ?
                ORDER BY (subdistrict_code = ?) DESC, code LIMIT 1""", Long.class, f.subdistrictCode().substring(0, 4), f.subdistrictCode());
        if (centres.isEmpty()) {
            throw new NotVisitableException("finding.visit.error.noCentre");
        }
        OrgUnit unit = orgUnits.byId(centres.get(0)).orElseThrow();
        Child child = new Child(f.nationalId(), null, f.firstName().strip(), f.lastName().strip(), f.birthDate(), f.sex(), "THA",
                unit.getId(), unit.getProvinceCode(), GradeLevel.NFE.name(), now);
        child.foundOutOfSchool(f.subdistrictCode(), now);
        child = children.saveAndFlush(child);
        audit.record(AuditAction.CREATE, "Child", child.getId(), "found out of school in subdistrict " + f.subdistrictCode()
                + ", on the roll of " + unit.getCode());
        return child;
    }

    /** What the teachers' child form saves. */
    public record ChildData(NationalId nationalId, String title, String firstName, String lastName, LocalDate birthDate, Sex sex,
                            GradeLevel gradeLevel, long orgUnitId, ChildStatus status) {
    }

    /** Another child (anywhere) already has this national id; says nothing else about that child. */
    public static class DuplicateNationalIdException extends RuntimeException {
        public DuplicateNationalIdException() {
            super("national id already registered");
        }
    }

    /**
     * A child within the scope (its unit's roll, or found out of school in the scope's subdistricts), or not found (a
     * child outside it is as good as absent).
     */
    @Transactional(readOnly = true)
    public Child get(AreaScope scope, long id) {
        Child c = children.findById(id).orElseThrow(() -> new NotFoundException("child " + id));
        if (!c.visibleIn(scope)) {
            throw new AccessDeniedException("child outside the caller's area");
        }
        return c;
    }

    /** Registers a child on one of the caller's units. */
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public Child create(AreaScope scope, ChildData d) {
        OrgUnit unit = unitInScope(scope, d.orgUnitId());
        if (children.existsByNationalId(d.nationalId().value())) {
            throw new DuplicateNationalIdException();
        }
        Child child = children.saveAndFlush(new Child(d.nationalId(), blankToNull(d.title()), d.firstName().strip(), d.lastName().strip(),
                d.birthDate(), d.sex(), "THA", unit.getId(), unit.getProvinceCode(), d.gradeLevel().name(), Instant.now(clock)));
        if (d.status() != null && d.status() != ChildStatus.IN_SCHOOL) {
            child.update(d.nationalId(), blankToNull(d.title()), child.getFirstName(), child.getLastName(), d.birthDate(), d.sex(),
                    unit.getId(), unit.getProvinceCode(), d.gradeLevel().name(), d.status(), Instant.now(clock));
        }
        audit.record(AuditAction.CREATE, "Child", child.getId(), null);
        return child;
    }

    /** Changes a child of the caller's units; a stale version is refused (someone else changed the child). */
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public Child update(AreaScope scope, long id, long expectedVersion, ChildData d) {
        Child child = get(scope, id);
        if (child.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Child.class, id);
        }
        OrgUnit unit = unitInScope(scope, d.orgUnitId());
        if (!child.getNationalId().equals(d.nationalId()) && children.existsByNationalId(d.nationalId().value())) {
            throw new DuplicateNationalIdException();
        }
        child.update(d.nationalId(), blankToNull(d.title()), d.firstName().strip(), d.lastName().strip(), d.birthDate(), d.sex(),
                unit.getId(), unit.getProvinceCode(), d.gradeLevel().name(), d.status() == null ? child.getStatus() : d.status(),
                Instant.now(clock));
        children.flush();
        audit.record(AuditAction.UPDATE, "Child", id, null);
        return child;
    }

    /** Children within the scope whose name or national id contains the text (all of them for blank text). */
    @Transactional(readOnly = true)
    public Page<Child> search(AreaScope scope, String text, Pageable pageable) {
        Specification<Child> spec = scope.specification("provinceCode", "orgUnitId");
        if (text != null && !text.isBlank()) {
            String plain = text.strip();
            String digits = plain.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            String like = "%" + escape(plain.toLowerCase(java.util.Locale.ROOT)) + "%";
            String idLike = "%" + escape(digits) + "%";
            spec = spec.and((root, q, cb) -> cb.or(
                    cb.like(cb.lower(cb.concat(cb.concat(root.get("firstName"), " "), root.get("lastName"))), like, '\\'),
                    cb.like(root.get("nationalId"), idLike, '\\')));
        }
        return children.findAll(spec, pageable);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private OrgUnit unitInScope(AreaScope scope, long orgUnitId) {
        OrgUnit unit = orgUnits.byId(orgUnitId).orElseThrow(() -> new AccessDeniedException("unknown unit"));
        if (!scope.coversOrgUnit(unit.getId(), unit.getProvinceCode())) {
            throw new AccessDeniedException("unit outside the caller's area");
        }
        return unit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
