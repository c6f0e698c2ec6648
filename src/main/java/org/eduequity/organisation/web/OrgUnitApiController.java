package org.eduequity.organisation.web;

import java.util.List;

import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.CurrentArea;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organisation units of a province, for users whose area covers it. */
@RestController
@RequestMapping("/api/v1")
class OrgUnitApiController {

    private final OrgUnits orgUnits;
    private final CurrentArea area;

    OrgUnitApiController(OrgUnits orgUnits, CurrentArea area) {
        this.orgUnits = orgUnits;
        this.area = area;
    }

    @GetMapping("/provinces/{code}/org-units")
    List<OrgUnitResource> ofProvince(@PathVariable String code) {
        area.requireProvince(code);
        return orgUnits.search(area.scope(), code, null, null, PageRequest.of(0, 10_000, Sort.by("code")))
                .map(OrgUnitResource::of).getContent();
    }

    record OrgUnitResource(String code, String nameTh, String nameEn, String type, String affiliation, String subdistrictCode,
                           String districtCode, String provinceCode, boolean active) {
        static OrgUnitResource of(OrgUnit u) {
            return new OrgUnitResource(u.getCode(), u.getNameTh(), u.getNameEn(), u.getType().name(), u.getAffiliation().name(),
                    u.getSubdistrictCode(), u.getDistrictCode(), u.getProvinceCode(), u.isActive());
        }
    }
}
