package org.eduequity.shared;

import java.util.List;
import java.util.Set;

import org.springframework.data.jpa.domain.Specification;

/**
 * The part of the country a user may see: everything (fund office, admin), one province, or a set of
 * organisation units. Every query over area-owned data applies it, either as a JPA {@link Specification}
 * or as a SQL predicate, so that scoping is enforced in the database query and not only on screens.
 */
public sealed interface AreaScope {

    AreaScope NATIONAL = new National();
    AreaScope NONE = new None();

    static AreaScope province(String code) {
        return new Province(code);
    }

    static AreaScope orgUnits(Set<Long> ids) {
        return ids.isEmpty() ? NONE : new OrgUnits(ids);
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
    }

    /** The given organisation units (a teacher's schools or centres). */
    record OrgUnits(Set<Long> ids) implements AreaScope {
        public OrgUnits {
            ids = Set.copyOf(ids);
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
