package org.eduequity.organisation.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.validation.Valid;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.Affiliation;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnitManagement;
import org.eduequity.organisation.OrgUnitManagement.Problem;
import org.eduequity.organisation.OrgUnitRuleException;
import org.eduequity.organisation.OrgUnitType;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' screens that list, search, create and edit organisation units. */
@Controller
@RequestMapping("/admin/org-units")
class OrgUnitAdminController {

    static final int PAGE_SIZE = 20;
    static final String CONFLICT = "orgUnit.form.conflict";
    /** Bangkok has khwaeng and khet where provinces have tambon and amphoe. */
    private static final String BANGKOK = "10";
    private static final Set<String> FORM_FIELDS = Set.of("code", "nameTh", "nameEn", "type", "affiliation", "subdistrictCode");

    private final OrgUnits orgUnits;
    private final OrgUnitManagement management;
    private final Geography geography;
    private final CurrentArea currentArea;

    OrgUnitAdminController(OrgUnits orgUnits, OrgUnitManagement management, Geography geography, CurrentArea currentArea) {
        this.orgUnits = orgUnits;
        this.management = management;
        this.geography = geography;
        this.currentArea = currentArea;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String province,
                @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page, Model model,
                Locale locale) {
        OrgUnitType typeFilter = Arrays.stream(OrgUnitType.values()).filter(t -> t.name().equals(type)).findFirst().orElse(null);
        String provinceFilter = province == null || province.isBlank() ? null : province.trim();
        String text = q == null || q.isBlank() ? null : q.trim();
        Page<OrgUnit> units = orgUnits.search(currentArea.scope(), provinceFilter, text, typeFilter,
                PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("code")));
        List<Geography.Province> provinces = geography.provinces();
        Map<String, Geography.Province> provinceByCode = new HashMap<>();
        provinces.forEach(p -> provinceByCode.put(p.code(), p));
        Function<String, Geography.District> district = memo(c -> geography.district(c).orElse(null));
        Function<String, Geography.Subdistrict> subdistrict = memo(c -> geography.subdistrict(c).orElse(null));
        List<UnitRow> rows = units.getContent().stream().map(u -> new UnitRow(u,
                name(subdistrict.apply(u.getSubdistrictCode()), locale),
                name(district.apply(u.getDistrictCode()), locale),
                name(provinceByCode.get(u.getProvinceCode()), locale))).toList();
        model.addAttribute("units", units);
        model.addAttribute("rows", rows);
        model.addAttribute("provinces", provinces);
        model.addAttribute("types", OrgUnitType.values());
        model.addAttribute("q", text);
        model.addAttribute("province", provinceFilter);
        model.addAttribute("type", typeFilter == null ? null : typeFilter.name());
        int first = Math.max(0, Math.min(units.getNumber() - 4, units.getTotalPages() - 9));
        model.addAttribute("firstPage", first);
        model.addAttribute("lastPage", Math.max(first, Math.min(units.getTotalPages() - 1, first + 8)));
        return "organisation/list";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        model.addAttribute("form", OrgUnitForm.empty());
        return formView(model, null, null);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") OrgUnitForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        addProblems(result, management.check(form.toData(form.code())));
        if (result.hasErrors()) {
            return formView(model, null, form.subdistrictCode());
        }
        OrgUnit unit;
        try {
            unit = management.create(form.toData(form.code()));
        } catch (OrgUnitRuleException e) {
            addProblems(result, List.of(new Problem(e.field(), e.messageKey())));
            return formView(model, null, form.subdistrictCode());
        }
        redirect.addFlashAttribute("flashSuccess", "orgUnit.flash.created");
        return "redirect:/admin/org-units/" + unit.getId() + "/edit";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        OrgUnit unit = find(id);
        model.addAttribute("form", OrgUnitForm.of(unit));
        return formView(model, unit, unit.getSubdistrictCode());
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") OrgUnitForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        OrgUnit unit = find(id);
        addProblems(result, management.check(form.toData(unit.getCode())));
        if (form.version() == null) {
            result.reject(CONFLICT);
            model.addAttribute("conflict", true);
        }
        if (result.hasErrors()) {
            return formView(model, unit, form.subdistrictCode());
        }
        try {
            management.update(id, form.version(), form.toData(unit.getCode()));
        } catch (OptimisticLockingFailureException e) {
            result.reject(CONFLICT);
            model.addAttribute("conflict", true);
            return formView(model, find(id), form.subdistrictCode());
        } catch (OrgUnitRuleException e) {
            addProblems(result, List.of(new Problem(e.field(), e.messageKey())));
            return formView(model, unit, form.subdistrictCode());
        }
        redirect.addFlashAttribute("flashSuccess", "orgUnit.flash.updated");
        return "redirect:/admin/org-units/" + id + "/edit";
    }

    @PostMapping("/{id}/active")
    String setActive(@PathVariable long id, @RequestParam boolean active, @RequestParam long version, RedirectAttributes redirect) {
        find(id);
        try {
            management.setActive(id, version, active);
            redirect.addFlashAttribute("flashSuccess", active ? "orgUnit.flash.activated" : "orgUnit.flash.deactivated");
        } catch (OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", CONFLICT);
        }
        return "redirect:/admin/org-units/" + id + "/edit";
    }

    private String formView(Model model, OrgUnit unit, String subdistrictCode) {
        model.addAttribute("unit", unit);
        model.addAttribute("types", OrgUnitType.values());
        model.addAttribute("affiliations", Affiliation.values());
        model.addAttribute("location", subdistrictCode == null ? null : location(subdistrictCode.trim()));
        return "organisation/form";
    }

    private Location location(String subdistrictCode) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return geography.subdistrict(subdistrictCode).map(s -> new Location(s.code(), BANGKOK.equals(s.provinceCode()), s.name(locale),
                name(geography.district(s.districtCode()).orElse(null), locale),
                name(geography.province(s.provinceCode()).orElse(null), locale))).orElse(null);
    }

    private OrgUnit find(long id) {
        return orgUnits.byId(id).orElseThrow(() -> new NotFoundException("OrgUnit " + id));
    }

    /** Puts the rules' problems next to their fields, skipping fields that already show an error. */
    static void addProblems(BindingResult result, List<Problem> problems) {
        for (Problem p : problems) {
            if (FORM_FIELDS.contains(p.field())) {
                if (!result.hasFieldErrors(p.field())) {
                    result.rejectValue(p.field(), p.messageKey(), p.args().toArray(), null);
                }
            } else {
                result.reject(p.messageKey(), p.args().toArray(), null);
            }
        }
    }

    private static String name(Object place, Locale locale) {
        if (place instanceof Geography.Subdistrict s) {
            return s.name(locale);
        }
        if (place instanceof Geography.District d) {
            return d.name(locale);
        }
        if (place instanceof Geography.Province p) {
            return p.name(locale);
        }
        return "";
    }

    private static <T> Function<String, T> memo(Function<String, T> lookup) {
        Map<String, T> cache = new HashMap<>();
        return key -> {
            if (!cache.containsKey(key)) {
                cache.put(key, lookup.apply(key));
            }
            return cache.get(key);
        };
    }

    /** A unit in the list with the names of where it lies. */
    record UnitRow(OrgUnit unit, String subdistrict, String district, String province) {
    }

    /** Where a subdistrict lies, named in the user's language. */
    record Location(String code, boolean bangkok, String subdistrict, String district, String province) {
    }
}
