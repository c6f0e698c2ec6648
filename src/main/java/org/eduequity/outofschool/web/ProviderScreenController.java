package org.eduequity.outofschool.web;

import java.util.List;

import org.eduequity.geography.Geography;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.ProviderType;
import org.eduequity.outofschool.Providers;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
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

/**
 * The service providers' registry on screens: the providers of a province (PROVINCE its own, FUND and ADMIN any), and
 * the form that adds or changes one (ADMIN, and PROVINCE for its own province).
 */
@Controller
@RequestMapping("/out-of-school/providers")
@PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
class ProviderScreenController {

    private final Providers providers;
    private final CurrentArea area;
    private final Geography geography;

    ProviderScreenController(Providers providers, CurrentArea area, Geography geography) {
        this.providers = providers;
        this.area = area;
        this.geography = geography;
    }

    private String provinceOr(String province) {
        if (province != null && province.matches("[0-9]{2}")) {
            return province;
        }
        return area.scope() instanceof AreaScope.Province own ? own.code() : "21";
    }

    @GetMapping
    String list(@RequestParam(required = false) String province, Model model) {
        String code = provinceOr(province);
        model.addAttribute("providers", providers.ofProvince(code));
        model.addAttribute("province", geography.province(code).orElseThrow());
        model.addAttribute("provinces", area.scope() instanceof AreaScope.National ? geography.provinces() : List.of());
        model.addAttribute("canEdit", area.scope().coversProvince(code) && !(area.scope() instanceof AreaScope.National && !isAdmin()));
        return "outofschool/providers";
    }

    private static boolean isAdmin() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    @GetMapping("/new")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String newForm(@RequestParam(required = false) String province, Model model) {
        String code = provinceOr(province);
        area.requireProvince(code);
        ProviderForm form = new ProviderForm();
        form.setProvinceCode(code);
        form.setCode(providers.nextCode(code));
        model.addAttribute("form", form);
        return form(model, null);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String create(@ModelAttribute("form") ProviderForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        try {
            Providers.Provider created = providers.create(form.data());
            redirect.addFlashAttribute("flashSuccess", "provider.flash.created");
            return "redirect:/out-of-school/providers?province=" + created.provinceCode();
        } catch (FindingRejectedException e) {
            e.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey(), p.args().toArray(), null));
        }
        return form(model, null);
    }

    @GetMapping("/{code}/edit")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String editForm(@PathVariable String code, Model model) {
        Providers.Provider p = providers.byCode(code);
        area.requireProvince(p.provinceCode());
        model.addAttribute("form", ProviderForm.of(p));
        return form(model, p);
    }

    @PostMapping("/{code}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String update(@PathVariable String code, @ModelAttribute("form") ProviderForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        Providers.Provider p = providers.byCode(code);
        area.requireProvince(p.provinceCode());
        form.setCode(code);
        form.setProvinceCode(p.provinceCode());
        try {
            providers.update(code, form.getVersion(), form.data());
            redirect.addFlashAttribute("flashSuccess", "provider.flash.updated");
            return "redirect:/out-of-school/providers?province=" + p.provinceCode();
        } catch (FindingRejectedException e) {
            e.problems().forEach(pr -> errors.rejectValue(pr.field(), pr.messageKey(), pr.args().toArray(), null));
        } catch (ObjectOptimisticLockingFailureException e) {
            errors.reject("form.conflict");
        }
        return form(model, p);
    }

    private String form(Model model, Providers.Provider provider) {
        model.addAttribute("provider", provider);
        model.addAttribute("types", ProviderType.values());
        model.addAttribute("services", Need.values());
        return "outofschool/provider-form";
    }
}
