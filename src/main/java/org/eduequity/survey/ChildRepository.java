package org.eduequity.survey;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ChildRepository extends JpaRepository<Child, Long>, JpaSpecificationExecutor<Child> {

    boolean existsByNationalId(String nationalId);

    java.util.Optional<Child> findByNationalId(String nationalId);
}
