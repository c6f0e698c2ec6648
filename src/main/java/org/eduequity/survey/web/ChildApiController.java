package org.eduequity.survey.web;

import java.time.LocalDate;
import java.util.List;

import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.Child;
import org.eduequity.survey.Children;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The children on an organisation unit's roll, for users whose area covers the unit. */
@RestController
@RequestMapping("/api/v1")
class ChildApiController {

    private final OrgUnits orgUnits;
    private final Children children;
    private final CurrentArea area;

    ChildApiController(OrgUnits orgUnits, Children children, CurrentArea area) {
        this.orgUnits = orgUnits;
        this.children = children;
        this.area = area;
    }

    @GetMapping("/org-units/{code}/children")
    List<ChildResource> ofOrgUnit(@PathVariable String code) {
        OrgUnit unit = orgUnits.byCode(code).orElseThrow(() -> new NotFoundException("org unit " + code));
        area.requireOrgUnit(unit.getId(), unit.getProvinceCode());
        return children.ofOrgUnit(area.scope(), unit.getId()).stream().map(ChildResource::of).toList();
    }

    record ChildResource(String nationalId, String title, String firstName, String lastName, LocalDate birthDate, String sex,
                         String gradeLevel, String status) {
        static ChildResource of(Child c) {
            return new ChildResource(c.getNationalId().value(), c.getTitle(), c.getFirstName(), c.getLastName(), c.getBirthDate(),
                    c.getSex().name(), c.getGradeLevel(), c.getStatus().name());
        }
    }
}
