package org.eduequity.survey;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ChildRepository extends JpaRepository<Child, Long>, JpaSpecificationExecutor<Child> {

    boolean existsByNationalId(String nationalId);

    java.util.Optional<Child> findByNationalId(String nationalId);

    /** The children with these national ids (one query for all students of a household). */
    java.util.List<Child> findByNationalIdIn(java.util.Collection<String> nationalIds);
}
