package org.eduequity.screening.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eduequity.screening.Classification;
import org.eduequity.geography.Geography;
import org.eduequity.screening.ScreenedLists;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The screened list of a province and term for the fund office, administrators (any province) and the province
 * (its own only): students with their household's current result, counts per classification, filters and paging.
 */
@Controller
class ScreenedListController {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{4}");
    private static final Pattern SUBDISTRICT = Pattern.compile("[0-9]{6}");

    private final ScreenedLists lists;
    private final CurrentArea area;
    private final Clock clock;
    private final Geography geography;

    ScreenedListController(ScreenedLists lists, CurrentArea area, Clock clock, Geography geography) {
        this.geography = geography;
        this.lists = lists;
        this.area = area;
        this.clock = clock;
    }

    @GetMapping("/screening/list")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    String list(@RequestParam(name = "term", required = false) String term,
                @RequestParam(name = "province", required = false) String province,
                @RequestParam(name = "district", required = false) String district,
                @RequestParam(name = "subdistrict", required = false) String subdistrict,
                @RequestParam(name = "orgUnit", required = false) String orgUnit,
                @RequestParam(name = "classification", required = false) String classification,
                @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        AreaScope scope = area.scope();
        boolean fixedProvince;
        String provinceCode = blankToNull(province);
        if (scope instanceof AreaScope.Province own) {
            fixedProvince = true;
            if (provinceCode == null) {
                provinceCode = own.code();
            }
            area.requireProvince(provinceCode);
        } else if (scope instanceof AreaScope.National) {
            fixedProvince = false;
        } else {
            throw new AccessDeniedException("The screened lists are for the fund office and the provinces");
        }
        if (provinceCode != null && !PROVINCE.matcher(provinceCode).matches()) {
            provinceCode = null;
        }
        String theTerm = term(term);
        if (theTerm == null) {
            theTerm = lists.latestTerm(provinceCode).orElse(Term.containing(LocalDate.now(clock)).toString());
        }
        if (provinceCode == null) {
            String t = theTerm;
            provinceCode = lists.firstProvinceWithResults(t).orElseGet(() -> geography.provinces().get(0).code());
        }
        String districtCode = matching(district, DISTRICT);
        String subdistrictCode = matching(subdistrict, SUBDISTRICT);
        // filters outside the province are kept (and find nobody): the province predicate always holds
        if (subdistrictCode != null && districtCode == null) {
            districtCode = subdistrictCode.substring(0, 4);
        }
        String unitCode = blankToNull(orgUnit);
        Classification theClass = classification(classification);

        ScreenedLists.Filter filter = new ScreenedLists.Filter(theTerm, provinceCode, districtCode, subdistrictCode, unitCode, theClass);
        ScreenedLists.Page result = lists.list(scope, filter, page);
        List<String> terms = new ArrayList<>(lists.terms(provinceCode));
        if (!terms.contains(theTerm)) {
            terms.add(0, theTerm);
        }
        model.addAttribute("filter", filter);
        model.addAttribute("page", result);
        model.addAttribute("fixedProvince", fixedProvince);
        String code = provinceCode;
        model.addAttribute("province", geography.province(code).orElse(null));
        model.addAttribute("provinces", fixedProvince ? List.of() : geography.provinces());
        model.addAttribute("terms", terms);
        model.addAttribute("districts", geography.districts(provinceCode));
        model.addAttribute("subdistricts", districtCode == null ? List.of() : geography.subdistricts(districtCode));
        model.addAttribute("orgUnits", lists.orgUnits(provinceCode, districtCode));
        // the most in need first, as the list is ordered
        model.addAttribute("classifications", List.of(Classification.EXTREMELY_POOR, Classification.POOR, Classification.NOT_POOR,
                Classification.INCOMPLETE));
        UriComponentsBuilder base = UriComponentsBuilder.fromPath("/screening/list").queryParam("term", theTerm)
                .queryParam("province", provinceCode);
        if (districtCode != null) {
            base.queryParam("district", districtCode);
        }
        if (subdistrictCode != null) {
            base.queryParam("subdistrict", subdistrictCode);
        }
        if (unitCode != null) {
            base.queryParam("orgUnit", unitCode);
        }
        // links to other classifications keep every other filter; paging links keep them all
        model.addAttribute("baseUrlAnyClass", base.cloneBuilder().encode().toUriString());
        if (theClass != null) {
            base.queryParam("classification", theClass.name());
        }
        model.addAttribute("baseUrl", base.encode().toUriString());
        return "screening/list";
    }

    private static String term(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Term.parse(text).toString();
        } catch (InvalidValueException e) {
            return null;
        }
    }

    private static Classification classification(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Classification.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String matching(String text, Pattern pattern) {
        String s = blankToNull(text);
        return s != null && pattern.matcher(s).matches() ? s : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
