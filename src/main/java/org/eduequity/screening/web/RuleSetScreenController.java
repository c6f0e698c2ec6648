package org.eduequity.screening.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.screening.RuleParameters;
import org.eduequity.screening.RuleProblem;
import org.eduequity.screening.RuleSet;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.ScreeningRefusedException;
import org.springframework.context.MessageSource;
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
 * The fund office's screens for poverty-screening rule sets: list and view (fund, admin, province: read-only), and
 * for the fund office copy to a new draft, edit a draft's numbers, publish it and retire a published set.
 */
@Controller
@RequestMapping("/screening/rule-sets")
class RuleSetScreenController {

    static final String READERS = "hasAnyRole('FUND', 'ADMIN', 'PROVINCE')";
    static final String WRITERS = "hasRole('FUND')";
    static final String CONFLICT = "rules.flash.conflict";

    private final RuleSets ruleSets;
    private final MessageSource messages;

    RuleSetScreenController(RuleSets ruleSets, MessageSource messages) {
        this.ruleSets = ruleSets;
        this.messages = messages;
    }

    /** A problem as the screens show it: the field, its label and the message, in the user's language. */
    record ProblemView(String field, String anchor, String label, String message) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    String list(Model model) {
        model.addAttribute("ruleSets", ruleSets.all());
        return "screening/rule-sets";
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    String view(@PathVariable long id, Model model, Locale locale) {
        return viewPage(ruleSets.get(id), model, locale);
    }

    @PostMapping("/{id}/copy")
    @PreAuthorize(WRITERS)
    String copy(@PathVariable long id, @RequestParam(name = "version", defaultValue = "") String version, Model model, Locale locale,
                RedirectAttributes redirect) {
        RuleSet source = ruleSets.get(id);
        try {
            RuleSet copy = ruleSets.copy(id, version);
            redirect.addFlashAttribute("flashSuccess", "rules.flash.copied");
            return "redirect:/screening/rule-sets/" + copy.id() + "/edit";
        } catch (ScreeningRefusedException e) {
            model.addAttribute("copyError", e.problems().isEmpty() ? message("rules.error.version", List.of(), locale)
                    : message(e.problems().get(0).messageKey(), e.problems().get(0).args(), locale));
            model.addAttribute("copyVersion", version);
            return viewPage(source, model, locale);
        }
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(WRITERS)
    String edit(@PathVariable long id, Model model, Locale locale, RedirectAttributes redirect) {
        RuleSet set = ruleSets.get(id);
        if (!set.draft()) {
            redirect.addFlashAttribute("flashError", "rules.flash.readOnly");
            return "redirect:/screening/rule-sets/" + id;
        }
        List<ProblemView> problems = problems(ruleSets.problems(set), locale);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        problems.forEach(p -> fieldErrors.putIfAbsent(p.field(), p.message()));
        return formPage(set, set.name(), String.join(", ", set.effectiveTerms()), RuleFields.text(set.parameters()), set.lockVersion(),
                fieldErrors, problems, model);
    }

    @PostMapping("/{id}")
    @PreAuthorize(WRITERS)
    String save(@PathVariable long id, @RequestParam Map<String, String> form, Model model, Locale locale, RedirectAttributes redirect) {
        RuleSet set = ruleSets.get(id);
        if (!set.draft()) {
            redirect.addFlashAttribute("flashError", "rules.flash.readOnly");
            return "redirect:/screening/rule-sets/" + id;
        }
        String name = form.getOrDefault("name", "");
        String terms = form.getOrDefault("effectiveTerms", "");
        Long lockVersion = parseLong(form.get("lockVersion"));
        Map<String, String> values = new LinkedHashMap<>();
        RuleFields.GROUPS.forEach(g -> g.items().forEach(i -> values.put(i.field(), form.getOrDefault(i.field(), ""))));
        Map<String, String> errorKeys = new LinkedHashMap<>();
        RuleParameters parameters = RuleFields.parse(form, errorKeys);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        errorKeys.forEach((field, key) -> fieldErrors.put(field, message(key, List.of(), locale)));
        if (!fieldErrors.isEmpty()) {
            model.addAttribute("formError", "rules.form.notSaved");
            return formPage(set, name, terms, values, lockVersion == null ? set.lockVersion() : lockVersion, fieldErrors, List.of(), model);
        }
        if (lockVersion == null) {
            return conflict(set, name, terms, values, lockVersion, model);
        }
        try {
            ruleSets.save(id, lockVersion, name, Arrays.asList(terms.split("[,;\\s]+")), parameters);
        } catch (ObjectOptimisticLockingFailureException e) {
            return conflict(set, name, terms, values, lockVersion, model);
        } catch (ScreeningRefusedException e) {
            if (e.conflict()) {
                redirect.addFlashAttribute("flashError", "rules.flash.readOnly");
                return "redirect:/screening/rule-sets/" + id;
            }
            List<ProblemView> problems = problems(e.problems(), locale);
            problems.forEach(p -> fieldErrors.putIfAbsent(p.field(), p.message()));
            model.addAttribute("formError", "rules.form.notSaved");
            return formPage(set, name, terms, values, lockVersion, fieldErrors, problems, model);
        }
        redirect.addFlashAttribute("flashSuccess", "rules.flash.saved");
        return "redirect:/screening/rule-sets/" + id + "/edit";
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize(WRITERS)
    String publish(@PathVariable long id, @RequestParam(name = "lockVersion", required = false) String lockVersion,
                   RedirectAttributes redirect) {
        ruleSets.get(id);
        Long expected = parseLong(lockVersion);
        try {
            if (expected == null) {
                throw new ObjectOptimisticLockingFailureException("RuleSet", id);
            }
            ruleSets.publish(id, expected);
            redirect.addFlashAttribute("flashSuccess", "rules.flash.published");
        } catch (ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", CONFLICT);
        } catch (ScreeningRefusedException e) {
            redirect.addFlashAttribute("flashError", e.conflict() ? "rules.flash.notDraft" : "rules.flash.publishRefused");
        }
        return "redirect:/screening/rule-sets/" + id;
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize(WRITERS)
    String retire(@PathVariable long id, RedirectAttributes redirect) {
        ruleSets.get(id);
        try {
            ruleSets.retire(id);
            redirect.addFlashAttribute("flashSuccess", "rules.flash.retired");
        } catch (ScreeningRefusedException e) {
            redirect.addFlashAttribute("flashError", "rules.flash.notPublished");
        }
        return "redirect:/screening/rule-sets/" + id;
    }

    private String conflict(RuleSet set, String name, String terms, Map<String, String> values, Long lockVersion, Model model) {
        model.addAttribute("formError", CONFLICT);
        model.addAttribute("conflict", true);
        return formPage(set, name, terms, values, lockVersion == null ? set.lockVersion() : lockVersion, Map.of(), List.of(), model);
    }

    private String viewPage(RuleSet set, Model model, Locale locale) {
        model.addAttribute("set", set);
        model.addAttribute("groups", RuleFields.GROUPS);
        model.addAttribute("values", RuleFields.display(set.parameters()));
        model.addAttribute("problems", set.draft() ? problems(ruleSets.problems(set), locale) : List.of());
        if (set.copiedFrom() != null) {
            try {
                model.addAttribute("copiedFrom", ruleSets.get(set.copiedFrom()));
            } catch (RuntimeException e) {
                model.addAttribute("copiedFrom", null);
            }
        }
        return "screening/rule-set";
    }

    private String formPage(RuleSet set, String name, String terms, Map<String, String> values, long lockVersion,
                            Map<String, String> fieldErrors, List<ProblemView> problems, Model model) {
        model.addAttribute("set", set);
        model.addAttribute("groups", RuleFields.GROUPS);
        model.addAttribute("name", name);
        model.addAttribute("terms", terms);
        model.addAttribute("values", values);
        model.addAttribute("lockVersion", lockVersion);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("problems", problems);
        return "screening/rule-set-edit";
    }

    private List<ProblemView> problems(List<RuleProblem> problems, Locale locale) {
        List<ProblemView> views = new ArrayList<>();
        for (RuleProblem p : problems) {
            String field = p.field() == null ? "" : p.field();
            String anchor = RuleFields.item(field).map(RuleFields.Item::id)
                    .orElse(field.equals("name") || field.equals("effectiveTerms") ? "p-" + field : null);
            views.add(new ProblemView(field, anchor, label(field, locale), message(p.messageKey(), p.args(), locale)));
        }
        return views;
    }

    /** The field's name in the user's language: "group · label" for a number, the raw name for an unknown one. */
    private String label(String field, Locale locale) {
        if (field.equals("name") || field.equals("effectiveTerms") || field.equals("version")) {
            return message("rules.field." + field, List.of(), locale);
        }
        var item = RuleFields.item(field);
        var group = RuleFields.groupOf(field);
        if (item.isPresent() && group.isPresent()) {
            String g = message(group.get().headingKey(), List.of(), locale);
            String i = message(item.get().labelKey(), List.of(), locale);
            return g.equals(i) ? g : g + " · " + i;
        }
        if (group.isPresent()) {
            return message(group.get().headingKey(), List.of(), locale);
        }
        int dot = field.indexOf('.');
        if (dot > 0) {
            var parent = RuleFields.groupOf(field.substring(0, dot));
            if (parent.isPresent()) {
                return message(parent.get().headingKey(), List.of(), locale) + " · " + field.substring(dot + 1);
            }
        }
        return field;
    }

    private String message(String key, List<Object> args, Locale locale) {
        return messages.getMessage(key, args.toArray(), key, locale);
    }

    private static Long parseLong(String s) {
        if (s == null || !s.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(s.strip());
    }
}
