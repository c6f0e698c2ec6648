package org.eduequity.organisation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eduequity.shared.AreaScope;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organisation module's read API for other modules: units by id or code, scoped searches. */
@Service
@Transactional(readOnly = true)
public class OrgUnits {

    private final OrgUnitRepository units;

    OrgUnits(OrgUnitRepository units) {
        this.units = units;
    }

    public List<OrgUnit> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : units.findByIdInOrderByCode(ids);
    }

    public Optional<OrgUnit> byCode(String code) {
        return units.findByCode(code);
    }

    /** The units with these codes (those that exist), in no particular order; for checking imported rows at once. */
    public List<OrgUnit> byCodes(Collection<String> codes) {
        return codes.isEmpty() ? List.of() : units.findByCodeIn(codes);
    }

    public Optional<OrgUnit> byId(long id) {
        return units.findById(id);
    }

    /** Units within the scope, optionally only of one province. */
    public Page<OrgUnit> search(AreaScope scope, String provinceCode, String text, OrgUnitType type, Pageable pageable) {
        Specification<OrgUnit> spec = scope.specification("provinceCode", "id");
        if (provinceCode != null && !provinceCode.isBlank()) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("provinceCode"), provinceCode));
        }
        if (type != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("type"), type));
        }
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            spec = spec.and((root, q, cb) -> cb.or(cb.like(cb.lower(root.get("nameTh")), like, '\\'),
                    cb.like(cb.lower(root.get("nameEn")), like, '\\'), cb.like(root.get("code"), like, '\\')));
        }
        return units.findAll(spec, pageable);
    }
}
