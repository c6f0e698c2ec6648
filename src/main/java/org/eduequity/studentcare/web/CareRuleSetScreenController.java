package org.eduequity.studentcare.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.geography.Geography;
import org.eduequity.studentcare.CareParameters;
import org.eduequity.studentcare.CareProblem;
import org.eduequity.studentcare.CareRefusedException;
import org.eduequity.studentcare.CareRuleSet;
import org.eduequity.studentcare.CareRuleSets;
import org.eduequity.studentcare.RiskLevel;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The care rule sets' screens, like the poverty rule sets' ones: the list, a set with its numbers, a copy as a new draft,
 * the draft's numbers edited (every field checked; nothing saved while any is wrong; a stale form refused), a simulation
 * over a province and term (counts per level and area beside the published set, nothing written), publishing and retiring. Read by
 * provinces, the fund office and admin; changed by the fund office only (as {@link CareRuleSets}).
 */
@Controller
@RequestMapping("/care/rule-sets")
class CareRuleSetScreenController {

    static final String READERS = "hasAnyRole('FUND', 'ADMIN', 'PROVINCE')";
    static final String WRITERS = "hasRole('FUND')";

    /** An editable number of a set: its field name, and whether it is a whole number, a decimal or a yes/no. */
    record Field(String name, String kind) {
    }

    static final List<Field> FIELDS = List.of(new Field("sdq.maxMissingPerSubscale", "i"),
            new Field("sdq.bands.SELF.atRiskFrom", "i"), new Field("sdq.bands.SELF.problemFrom", "i"),
            new Field("sdq.bands.TEACHER.atRiskFrom", "i"), new Field("sdq.bands.TEACHER.problemFrom", "i"),
            new Field("sdq.bands.PARENT.atRiskFrom", "i"), new Field("sdq.bands.PARENT.problemFrom", "i"),
            new Field("learning.atRiskGpaBelow", "d"), new Field("learning.problemGpaBelow", "d"),
            new Field("learning.atRiskFailedFrom", "i"), new Field("learning.problemFailedFrom", "i"),
            new Field("health.atRiskChronicIllness", "b"), new Field("health.problemChronicAttendanceBelowPercent", "d"),
            new Field("emotionalBehaviour.atRiskConcernFrom", "i"), new Field("emotionalBehaviour.problemConcernFrom", "i"),
            new Field("emotionalBehaviour.problemSeriousFrom", "i"),
            new Field("familyEconomy.atRiskSingleParent", "b"), new Field("familyEconomy.atRiskNoParents", "b"),
            new Field("protection.atRiskConcernFrom", "i"), new Field("protection.problemConcernFrom", "i"),
            new Field("protection.problemSeriousFrom", "i"));

    private final CareRuleSets ruleSets;
    private final Geography geography;
    private final Clock clock;

    CareRuleSetScreenController(CareRuleSets ruleSets, Geography geography, Clock clock) {
        this.ruleSets = ruleSets;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize(READERS)
    String list(Model model) {
        model.addAttribute("ruleSets", ruleSets.all());
        return "care/rule-sets";
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    String view(@PathVariable long id, Model model) {
        return viewPage(ruleSets.get(id), model);
    }

    private String viewPage(CareRuleSet set, Model model) {
        model.addAttribute("set", set);
        model.addAttribute("values", values(set.parameters()));
        model.addAttribute("fields", FIELDS);
        model.addAttribute("setProblems", ruleSets.problems(set));
        model.addAttribute("provinces", geography.provinces());
        model.addAttribute("currentTerm", CareFilters.currentTerm(clock));
        return "care/rule-set";
    }

    @PostMapping("/{id}/copy")
    @PreAuthorize(WRITERS)
    String copy(@PathVariable long id, @RequestParam(defaultValue = "") String version, Model model, RedirectAttributes redirect) {
        CareRuleSet source = ruleSets.get(id);
        try {
            CareRuleSet copy = ruleSets.copy(id, version);
            redirect.addFlashAttribute("flashSuccess", "careRules.flash.copied");
            return "redirect:/care/rule-sets/" + copy.id() + "/edit";
        } catch (CareRefusedException e) {
            model.addAttribute("copyProblem", e.problems().get(0));
            model.addAttribute("copyVersion", version);
            return viewPage(source, model);
        }
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(WRITERS)
    String edit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        CareRuleSet set = ruleSets.get(id);
        if (!set.draft()) {
            redirect.addFlashAttribute("flashError", "careRules.flash.readOnly");
            return "redirect:/care/rule-sets/" + id;
        }
        return formPage(model, set, set.name(), String.join(", ", set.effectiveTerms()), values(set.parameters()), set.lockVersion(),
                set.parameters().problems(), false);
    }

    @PostMapping("/{id}")
    @PreAuthorize(WRITERS)
    String save(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        CareRuleSet set = ruleSets.get(id);
        if (!set.draft()) {
            redirect.addFlashAttribute("flashError", "careRules.flash.readOnly");
            return "redirect:/care/rule-sets/" + id;
        }
        String name = form.getOrDefault("name", "");
        String terms = form.getOrDefault("effectiveTerms", "");
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f.name(), form.getOrDefault(f.name(), "").strip()));
        long lockVersion;
        try {
            lockVersion = Long.parseLong(form.getOrDefault("lockVersion", ""));
        } catch (NumberFormatException e) {
            lockVersion = -1;
        }
        List<CareProblem> problems = new ArrayList<>();
        CareParameters parameters = parse(set.parameters(), values, problems);
        if (problems.isEmpty()) {
            problems.addAll(parameters.problems());
        }
        if (!problems.isEmpty()) {
            return formPage(model, set, name, terms, values, lockVersion, problems, true);
        }
        try {
            ruleSets.save(id, lockVersion, name, Arrays.asList(terms.split("[,\\s]+")), parameters);
        } catch (CareRefusedException e) {
            return formPage(model, set, name, terms, values, lockVersion, e.problems(), true);
        } catch (ObjectOptimisticLockingFailureException e) {
            model.addAttribute("stale", true);
            CareRuleSet current = ruleSets.get(id);
            return formPage(model, current, current.name(), String.join(", ", current.effectiveTerms()), values(current.parameters()),
                    current.lockVersion(), List.of(), true);
        }
        redirect.addFlashAttribute("flashSuccess", "careRules.flash.saved");
        return "redirect:/care/rule-sets/" + id;
    }

    private String formPage(Model model, CareRuleSet set, String name, String terms, Map<String, String> values, long lockVersion,
                            List<CareProblem> problems, boolean notSaved) {
        model.addAttribute("set", set);
        model.addAttribute("name", name);
        model.addAttribute("terms", terms);
        model.addAttribute("values", values);
        model.addAttribute("fields", FIELDS);
        model.addAttribute("lockVersion", lockVersion);
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        model.addAttribute("notSaved", notSaved && !problems.isEmpty());
        return "care/rule-set-edit";
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize(WRITERS)
    String publish(@PathVariable long id, @RequestParam(required = false) String lockVersion, RedirectAttributes redirect) {
        try {
            ruleSets.publish(id, Long.parseLong(lockVersion == null ? "" : lockVersion));
            redirect.addFlashAttribute("flashSuccess", "careRules.flash.published");
        } catch (NumberFormatException | ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "careRules.flash.conflict");
        } catch (CareRefusedException e) {
            redirect.addFlashAttribute("flashError", "careRules.flash.notPublished");
        }
        return "redirect:/care/rule-sets/" + id;
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize(WRITERS)
    String retire(@PathVariable long id, RedirectAttributes redirect) {
        try {
            ruleSets.retire(id);
            redirect.addFlashAttribute("flashSuccess", "careRules.flash.retired");
        } catch (CareRefusedException e) {
            redirect.addFlashAttribute("flashError", "careRules.flash.notRetired");
        }
        return "redirect:/care/rule-sets/" + id;
    }

    @GetMapping("/{id}/simulate")
    @PreAuthorize(WRITERS)
    String simulate(@PathVariable long id, @RequestParam(required = false) String term, @RequestParam(required = false) String province,
                    Model model) {
        CareRuleSet set = ruleSets.get(id);
        try {
            CareRuleSets.Simulation s = ruleSets.simulate(id, term, province);
            model.addAttribute("simulation", s);
            model.addAttribute("province", geography.province(s.provinceCode()).orElse(null));
            model.addAttribute("levels", List.of(RiskLevel.PROBLEM, RiskLevel.AT_RISK, RiskLevel.NORMAL, RiskLevel.UNKNOWN));
            model.addAttribute("rowsOf", List.of("LEVEL", "LEARNING", "HEALTH", "EMOTIONAL_BEHAVIOUR", "FAMILY_ECONOMY", "PROTECTION"));
        } catch (CareRefusedException e) {
            model.addAttribute("simulationProblems", e.problems());
            model.addAttribute("simTerm", term);
            model.addAttribute("simProvince", province);
        }
        return viewPage(set, model);
    }

    // ----- the numbers as form values and back ------------------------------------------------------------------

    static Map<String, String> values(CareParameters p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sdq.maxMissingPerSubscale", text(p.sdq() == null ? null : p.sdq().maxMissingPerSubscale()));
        for (String form : List.of("SELF", "TEACHER", "PARENT")) {
            CareParameters.Band b = p.sdq() == null || p.sdq().bands() == null ? null : p.sdq().bands().get(form);
            v.put("sdq.bands." + form + ".atRiskFrom", text(b == null ? null : b.atRiskFrom()));
            v.put("sdq.bands." + form + ".problemFrom", text(b == null ? null : b.problemFrom()));
        }
        CareParameters.Learning l = p.learning();
        v.put("learning.atRiskGpaBelow", text(l == null ? null : l.atRiskGpaBelow()));
        v.put("learning.problemGpaBelow", text(l == null ? null : l.problemGpaBelow()));
        v.put("learning.atRiskFailedFrom", text(l == null ? null : l.atRiskFailedFrom()));
        v.put("learning.problemFailedFrom", text(l == null ? null : l.problemFailedFrom()));
        CareParameters.Health h = p.health();
        v.put("health.atRiskChronicIllness", text(h == null ? null : h.atRiskChronicIllness()));
        v.put("health.problemChronicAttendanceBelowPercent", text(h == null ? null : h.problemChronicAttendanceBelowPercent()));
        for (String area : List.of("emotionalBehaviour", "protection")) {
            CareParameters.Incidents i = area.equals("protection") ? p.protection() : p.emotionalBehaviour();
            v.put(area + ".atRiskConcernFrom", text(i == null ? null : i.atRiskConcernFrom()));
            v.put(area + ".problemConcernFrom", text(i == null ? null : i.problemConcernFrom()));
            v.put(area + ".problemSeriousFrom", text(i == null ? null : i.problemSeriousFrom()));
        }
        CareParameters.FamilyEconomy f = p.familyEconomy();
        v.put("familyEconomy.atRiskSingleParent", text(f == null ? null : f.atRiskSingleParent()));
        v.put("familyEconomy.atRiskNoParents", text(f == null ? null : f.atRiskNoParents()));
        return v;
    }

    private static String text(Object o) {
        return o == null ? "" : o instanceof BigDecimal b ? b.toPlainString() : o.toString();
    }

    /** The set's numbers with the form's values in place; a value that is not a number (or yes/no) is a problem of its field. */
    static CareParameters parse(CareParameters old, Map<String, String> v, List<CareProblem> problems) {
        java.util.function.Function<String, Integer> i = f -> {
            String s = v.getOrDefault(f, "");
            if (!s.matches("[0-9]{1,4}")) {
                problems.add(CareProblem.of(f, s.isEmpty() ? "careRules.error.required" : "careRules.error.wholeNumber"));
                return null;
            }
            return Integer.parseInt(s);
        };
        java.util.function.Function<String, BigDecimal> d = f -> {
            String s = v.getOrDefault(f, "");
            if (!s.matches("[0-9]{1,3}(\\.[0-9]{1,4})?")) {
                problems.add(CareProblem.of(f, s.isEmpty() ? "careRules.error.required" : "careRules.error.decimal"));
                return null;
            }
            return new BigDecimal(s);
        };
        java.util.function.Function<String, Boolean> b = f -> {
            String s = v.getOrDefault(f, "");
            if (!s.equals("true") && !s.equals("false")) {
                problems.add(CareProblem.of(f, "careRules.error.required"));
                return null;
            }
            return Boolean.valueOf(s);
        };
        Map<String, CareParameters.Band> bands = new LinkedHashMap<>();
        for (String form : List.of("SELF", "TEACHER", "PARENT")) {
            bands.put(form, new CareParameters.Band(i.apply("sdq.bands." + form + ".atRiskFrom"), i.apply("sdq.bands." + form + ".problemFrom")));
        }
        CareParameters.Sdq sdq = new CareParameters.Sdq(old.sdq().reverseItems(), old.sdq().subscales(), i.apply("sdq.maxMissingPerSubscale"),
                bands);
        CareParameters.Learning learning = new CareParameters.Learning(d.apply("learning.atRiskGpaBelow"), d.apply("learning.problemGpaBelow"),
                i.apply("learning.atRiskFailedFrom"), i.apply("learning.problemFailedFrom"));
        CareParameters.Health health = new CareParameters.Health(old.health().atRiskNutrition(), b.apply("health.atRiskChronicIllness"),
                d.apply("health.problemChronicAttendanceBelowPercent"));
        CareParameters.Incidents eb = new CareParameters.Incidents(old.emotionalBehaviour().incidentTypes(),
                i.apply("emotionalBehaviour.atRiskConcernFrom"), i.apply("emotionalBehaviour.problemConcernFrom"),
                i.apply("emotionalBehaviour.problemSeriousFrom"));
        CareParameters.FamilyEconomy fe = new CareParameters.FamilyEconomy(old.familyEconomy().atRiskPoverty(),
                old.familyEconomy().problemPoverty(), b.apply("familyEconomy.atRiskSingleParent"), b.apply("familyEconomy.atRiskNoParents"));
        CareParameters.Incidents protection = new CareParameters.Incidents(old.protection().incidentTypes(),
                i.apply("protection.atRiskConcernFrom"), i.apply("protection.problemConcernFrom"), i.apply("protection.problemSeriousFrom"));
        return new CareParameters(sdq, learning, health, eb, fe, protection);
    }
}
