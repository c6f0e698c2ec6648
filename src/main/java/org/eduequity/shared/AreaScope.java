package org.eduequity.shared;

import java.util.List;
import java.util.Set;

import org.springframework.data.jpa.domain.Specification;

/**
 * The part of the country a user may see: everything (fund office, admin), one province, a set of
 * organisation units, a set of subdistricts (an area worker finding out-of-school children), or one service
 * provider. Every query over area-owned data applies it, either as a JPA {@link Specification} or as a SQL
 * predicate, so that scoping is enforced in the database query and not only on screens.
 *
 * <p>Data owned by organisation units (children, visits) is scoped with {@link #specification} and {@link #sql};
 * data located by subdistrict (found out-of-school children) with {@link #coversSubdistrict} and
 * {@link #sqlBySubdistrict}. Area workers and providers see no organisation unit's data.
 */
public sealed interface AreaScope {

    AreaScope NATIONAL = new National();
    AreaScope NONE = new None();

    static AreaScope province(String code) {
        return new Province(code);
    }

    static AreaScope orgUnits(Set<Long> ids) {
        return ids.isEmpty() ? NONE : new OrgUnits(ids, Set.of());
    }

    /**
     * A teacher's units, and the subdistricts where the teacher also finds out-of-school children (those of a
     * non-formal-education centre, and any the teacher holds as an area worker).
     */
    static AreaScope orgUnits(Set<Long> ids, Set<String> findingSubdistricts) {
        if (ids.isEmpty()) {
            return subdistricts(findingSubdistricts);
        }
        return new OrgUnits(ids, findingSubdistricts);
    }

    /** An area worker's subdistricts (six-digit DOPA codes). */
    static AreaScope subdistricts(Set<String> codes) {
        return codes.isEmpty() ? NONE : new Subdistricts(codes);
    }

    /** A service provider's user: the provider's own records only. */
    static AreaScope provider(String providerCode) {
        return providerCode == null || providerCode.isBlank() ? NONE : new Provider(providerCode);
    }

    /** Whether data of this province (any organisation unit in it) may be seen in full. */
    boolean coversProvince(String provinceCode);

    /** Whether data belonging to this organisation unit, which lies in the given province, may be seen. */
    boolean coversOrgUnit(long orgUnitId, String provinceCode);

    /**
     * A JPA predicate restricting an entity to this scope.
     *
     * @param provinceAttribute the entity attribute holding the province code
     * @param orgUnitAttribute the entity attribute holding the organisation unit id
     */
    <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute);

    /**
     * A SQL predicate restricting rows to this scope, for JDBC and set-based statements. Values are bound as
     * parameters, never concatenated into the SQL.
     */
    SqlPredicate sql(String provinceColumn, String orgUnitColumn);

    /**
     * Whether a record located in this subdistrict (a found out-of-school child) may be seen: everything
     * nationally, the province's own, the subdistricts an area worker or a non-formal-education teacher works in.
     */
    default boolean coversSubdistrict(String subdistrictCode) {
        return false;
    }

    /**
     * A SQL predicate restricting rows located by subdistrict to this scope.
     *
     * @param provinceColumn the column holding the row's province code
     * @param subdistrictColumn the column holding the row's subdistrict code
     */
    default SqlPredicate sqlBySubdistrict(String provinceColumn, String subdistrictColumn) {
        return new SqlPredicate("FALSE", List.of());
    }

    /** The subdistricts this user finds out-of-school children in (empty for national and provincial users). */
    default Set<String> findingSubdistricts() {
        return Set.of();
    }

    /** Whether any subdistrict this scope covers lies in the province. */
    default boolean touchesProvince(String provinceCode) {
        return coversProvince(provinceCode)
                || findingSubdistricts().stream().anyMatch(s -> provinceCode != null && s.startsWith(provinceCode));
    }

    /** A SQL boolean expression with its positional parameters. */
    record SqlPredicate(String sql, List<Object> args) {
        public SqlPredicate {
            args = List.copyOf(args);
        }
    }

    /** Everything, as for the fund office and administrators. */
    record National() implements AreaScope {
        @Override
        public boolean coversProvince(String provinceCode) {
            return true;
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return true;
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> cb.conjunction();
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate("TRUE", List.of());
        }

        @Override
        public boolean coversSubdistrict(String subdistrictCode) {
            return true;
        }

        @Override
        public SqlPredicate sqlBySubdistrict(String provinceColumn, String subdistrictColumn) {
            return new SqlPredicate("TRUE", List.of());
        }
    }

    /** One province, named by its two-digit DOPA code. */
    record Province(String code) implements AreaScope {
        @Override
        public boolean coversProvince(String provinceCode) {
            return code.equals(provinceCode);
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return code.equals(provinceCode);
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> cb.equal(root.get(provinceAttribute), code);
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate(provinceColumn + " = ?", List.of(code));
        }

        @Override
        public boolean coversSubdistrict(String subdistrictCode) {
            return subdistrictCode != null && subdistrictCode.startsWith(code);
        }

        @Override
        public SqlPredicate sqlBySubdistrict(String provinceColumn, String subdistrictColumn) {
            return new SqlPredicate(provinceColumn + " = ?", List.of(code));
        }
    }

    /**
     * The given organisation units (a teacher's schools or centres), and the subdistricts where the teacher finds
     * out-of-school children (a non-formal-education centre's subdistrict).
     */
    record OrgUnits(Set<Long> ids, Set<String> findingSubdistricts) implements AreaScope {
        public OrgUnits {
            ids = Set.copyOf(ids);
            findingSubdistricts = Set.copyOf(findingSubdistricts);
        }

        @Override
        public boolean coversSubdistrict(String subdistrictCode) {
            return findingSubdistricts.contains(subdistrictCode);
        }

        @Override
        public SqlPredicate sqlBySubdistrict(String provinceColumn, String subdistrictColumn) {
            return bySubdistricts(findingSubdistricts, subdistrictColumn);
        }

        @Override
        public boolean coversProvince(String provinceCode) {
            return false;
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return ids.contains(orgUnitId);
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> root.get(orgUnitAttribute).in(ids);
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate(orgUnitColumn + " = ANY (?)", List.of((Object) ids.toArray(Long[]::new)));
        }
    }

    /** An area worker's subdistricts: found out-of-school children there, no organisation unit's data. */
    record Subdistricts(Set<String> codes) implements AreaScope {
        public Subdistricts {
            codes = Set.copyOf(codes);
        }

        @Override
        public boolean coversProvince(String provinceCode) {
            return false;
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return false;
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> cb.disjunction();
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate("FALSE", List.of());
        }

        @Override
        public boolean coversSubdistrict(String subdistrictCode) {
            return codes.contains(subdistrictCode);
        }

        @Override
        public SqlPredicate sqlBySubdistrict(String provinceColumn, String subdistrictColumn) {
            return bySubdistricts(codes, subdistrictColumn);
        }

        @Override
        public Set<String> findingSubdistricts() {
            return codes;
        }
    }

    /** A service provider's user (code such as {@code P21001}): no area; the provider's own records only. */
    record Provider(String code) implements AreaScope {
        @Override
        public boolean coversProvince(String provinceCode) {
            return false;
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return false;
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> cb.disjunction();
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate("FALSE", List.of());
        }
    }

    private static SqlPredicate bySubdistricts(Set<String> codes, String subdistrictColumn) {
        return codes.isEmpty() ? new SqlPredicate("FALSE", List.of())
                : new SqlPredicate(subdistrictColumn + " = ANY (?)", List.of((Object) codes.toArray(String[]::new)));
    }

    /** Nothing at all: a user without an area, or anonymous. */
    record None() implements AreaScope {
        @Override
        public boolean coversProvince(String provinceCode) {
            return false;
        }

        @Override
        public boolean coversOrgUnit(long orgUnitId, String provinceCode) {
            return false;
        }

        @Override
        public <T> Specification<T> specification(String provinceAttribute, String orgUnitAttribute) {
            return (root, query, cb) -> cb.disjunction();
        }

        @Override
        public SqlPredicate sql(String provinceColumn, String orgUnitColumn) {
            return new SqlPredicate("FALSE", List.of());
        }
    }
}
