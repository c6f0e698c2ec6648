package org.eduequity.organisation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface OrgUnitRepository extends JpaRepository<OrgUnit, Long>, JpaSpecificationExecutor<OrgUnit> {

    Optional<OrgUnit> findByCode(String code);

    List<OrgUnit> findByIdInOrderByCode(Collection<Long> ids);

    boolean existsByCode(String code);

    List<OrgUnit> findByCodeIn(Collection<String> codes);
}
