package org.eduequity.account.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import org.eduequity.account.AccountRuleException;
import org.eduequity.account.Accounts;
import org.eduequity.account.PasswordRuleException;
import org.eduequity.account.Role;
import org.eduequity.account.UserAccount;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
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

/** Admin screens for accounts: list and search, create, edit roles and area, reset password, disable. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private static final int PAGE_SIZE = 20;

    private final Accounts accounts;
    private final OrgUnits orgUnits;
    private final Geography geography;

    UserAdminController(Accounts accounts, OrgUnits orgUnits, Geography geography) {
        this.accounts = accounts;
        this.orgUnits = orgUnits;
        this.geography = geography;
    }

    @ModelAttribute("allRoles")
    Role[] allRoles() {
        return Role.values();
    }

    @GetMapping
    String list(@RequestParam(name = "q", required = false) String q, @RequestParam(name = "page", defaultValue = "0") int page,
                Model model) {
        Page<UserAccount> users = accounts.search(q, PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("username")));
        model.addAttribute("users", users);
        model.addAttribute("q", q);
        return "account/users";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new UserForm());
        return form(model, null);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") UserForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        form.checkUsername(errors);
        Set<Long> unitIds = resolveUnits(form, errors);
        Set<String> subdistricts = resolveSubdistricts(form, errors);
        if (errors.hasErrors()) {
            return form(model, null);
        }
        try {
            UserAccount created = accounts.create(new Accounts.NewAccount(form.getUsername(), form.getDisplayName(),
                    form.getPassword(), form.getRoles(), form.getProvinceCode(), unitIds, subdistricts, form.getProviderCode()));
            redirect.addFlashAttribute("flashSuccess", "account.flash.created");
            return "redirect:/admin/users/" + created.getId() + "/edit";
        } catch (PasswordRuleException e) {
            e.messageKeys().forEach(key -> errors.rejectValue("password", key));
        } catch (AccountRuleException e) {
            errors.rejectValue(fieldOf(e.messageKey()), e.messageKey());
        }
        return form(model, null);
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        UserAccount account = load(id);
        UserForm form = new UserForm();
        form.setUsername(account.getUsername());
        form.setDisplayName(account.getDisplayName());
        form.setRoles(account.getRoles().isEmpty() ? null : java.util.EnumSet.copyOf(account.getRoles()));
        form.setProvinceCode(account.getProvinceCode());
        form.setOrgUnitCodes(String.join(", ", accounts.orgUnitsOf(account).stream().map(OrgUnit::getCode).toList()));
        form.setSubdistrictCodes(String.join(", ", new java.util.TreeSet<>(account.getSubdistrictCodes())));
        form.setProviderCode(account.getProviderCode());
        form.setUnitHead(account.isUnitHead());
        form.setVersion(account.getVersion());
        model.addAttribute("form", form);
        return form(model, account);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") UserForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        UserAccount account = load(id);
        form.setUsername(account.getUsername());
        Set<Long> unitIds = resolveUnits(form, errors);
        Set<String> subdistricts = resolveSubdistricts(form, errors);
        if (errors.hasErrors()) {
            return form(model, account);
        }
        try {
            accounts.update(id, form.getVersion(), new Accounts.AccountChange(form.getDisplayName(), form.getRoles(),
                    form.getProvinceCode(), unitIds, subdistricts, form.getProviderCode()), form.isUnitHead());
            redirect.addFlashAttribute("flashSuccess", "account.flash.updated");
            return "redirect:/admin/users/" + id + "/edit";
        } catch (AccountRuleException e) {
            errors.rejectValue(fieldOf(e.messageKey()), e.messageKey());
        } catch (ObjectOptimisticLockingFailureException e) {
            errors.reject("form.conflict");
        }
        return form(model, account);
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam long version, @RequestParam String password,
                         RedirectAttributes redirect) {
        try {
            accounts.resetPassword(id, version, password);
            redirect.addFlashAttribute("flashSuccess", "account.flash.passwordReset");
        } catch (PasswordRuleException e) {
            redirect.addFlashAttribute("flashError", e.messageKeys().get(0));
        } catch (ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "form.conflict");
        }
        return "redirect:/admin/users/" + id + "/edit";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return toggle(id, version, false, redirect);
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return toggle(id, version, true, redirect);
    }

    private String toggle(long id, long version, boolean enable, RedirectAttributes redirect) {
        try {
            if (enable) {
                accounts.enable(id, version);
            } else {
                accounts.disable(id, version);
            }
            redirect.addFlashAttribute("flashSuccess", enable ? "account.flash.enabled" : "account.flash.disabled");
        } catch (ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "form.conflict");
        }
        return "redirect:/admin/users/" + id + "/edit";
    }

    private UserAccount load(long id) {
        return accounts.byId(id).orElseThrow(() -> new NotFoundException("account " + id));
    }

    private Set<Long> resolveUnits(UserForm form, BindingResult errors) {
        Set<Long> ids = new HashSet<>();
        List<String> unknown = new java.util.ArrayList<>();
        for (String code : form.orgUnitCodeSet()) {
            orgUnits.byCode(code).ifPresentOrElse(u -> ids.add(u.getId()), () -> unknown.add(code));
        }
        if (!unknown.isEmpty()) {
            errors.rejectValue("orgUnitCodes", "account.form.orgUnitCodes.unknown", new Object[] {String.join(", ", unknown)}, null);
        }
        return ids;
    }

    /** The area worker's subdistricts: each a known six-digit DOPA code. */
    private Set<String> resolveSubdistricts(UserForm form, BindingResult errors) {
        Set<String> codes = new java.util.TreeSet<>();
        List<String> unknown = new java.util.ArrayList<>();
        for (String code : form.subdistrictCodeSet()) {
            if (code.matches("[0-9]{6}") && geography.subdistrict(code).isPresent()) {
                codes.add(code);
            } else {
                unknown.add(code);
            }
        }
        if (!unknown.isEmpty()) {
            errors.rejectValue("subdistrictCodes", "account.form.subdistrictCodes.unknown", new Object[] {String.join(", ", unknown)}, null);
        }
        return codes;
    }

    private static String fieldOf(String messageKey) {
        return switch (messageKey) {
            case "account.rule.usernameTaken" -> "username";
            case "account.rule.noRole" -> "roles";
            case "account.rule.provinceRequired", "account.rule.unknownProvince" -> "provinceCode";
            case "account.rule.orgUnitRequired", "account.rule.unknownOrgUnit" -> "orgUnitCodes";
            case "account.rule.subdistrictRequired", "account.rule.unknownSubdistrict" -> "subdistrictCodes";
            case "account.rule.providerRequired", "account.rule.unknownProvider" -> "providerCode";
            case "account.rule.unitHeadTeacher" -> "unitHead";
            default -> "displayName";
        };
    }

    private String form(Model model, UserAccount account) {
        model.addAttribute("account", account);
        model.addAttribute("provinces", geography.provinces());
        return "account/user-form";
    }
}
