package org.eduequity.outofschool.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.CurrentUser;
import org.eduequity.geography.Geography;
import org.eduequity.outofschool.CaseCertifications;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * Case payments, the province's part (docs/out-of-school.md "Case payments"): the eligible cases of a province with the
 * provider that will be paid, certifying those not certified before as the next version of the term, and a version's
 * cases.
 */
@Controller
@RequestMapping("/out-of-school")
class CaseCertificationScreenController {

    private final CaseCertifications certifications;
    private final CurrentUser currentUser;
    private final Geography geography;
    private final MessageSource messages;

    CaseCertificationScreenController(CaseCertifications certifications, CurrentUser currentUser, Geography geography, MessageSource messages) {
        this.certifications = certifications;
        this.currentUser = currentUser;
        this.geography = geography;
        this.messages = messages;
    }

    @GetMapping("/case-certification")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    String page(@RequestParam(required = false) String province, @RequestParam(required = false) String term, Model model) {
        return page(province, term, null, model);
    }

    @PostMapping("/case-certification")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String certify(@RequestParam(required = false) String province, @RequestParam(required = false) String term, Model model,
                   RedirectAttributes redirect) {
        try {
            CaseCertifications.Version v = certifications.certify(province, term);
            redirect.addFlashAttribute("flashSuccess", "caseCertification.certified");
            return "redirect:/out-of-school/case-certifications/" + v.id();
        } catch (FindingRejectedException e) {
            var p = e.problems().get(0);
            return page(province, term, messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), LocaleContextHolder.getLocale()),
                    model);
        }
    }

    @GetMapping("/case-certifications/{id}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    String version(@PathVariable long id, Model model) {
        CaseCertifications.Version v = certifications.get(id);
        List<CaseCertifications.EligibleCase> entries = certifications.entries(id);
        model.addAttribute("v", v);
        model.addAttribute("entries", entries);
        model.addAttribute("provinceName", provinceName(v.provinceCode()));
        model.addAttribute("places", places(entries));
        return "outofschool/case-certification-version";
    }

    private String page(String province, String term, String error, Model model) {
        AccountPrincipal me = currentUser.require();
        String p = province != null && province.matches("[0-9]{2}") ? province : me.provinceCode() != null ? me.provinceCode() : "21";
        String t;
        try {
            t = Term.parse(term == null ? "" : term.strip()).toString();
        } catch (InvalidValueException e) {
            t = Term.containing(LocalDate.now(BuddhistDate.BANGKOK)).toString();
        }
        List<CaseCertifications.EligibleCase> eligible = certifications.eligible(p);
        model.addAttribute("province", p);
        model.addAttribute("term", t);
        model.addAttribute("provinceName", provinceName(p));
        model.addAttribute("eligible", eligible);
        model.addAttribute("uncertified", eligible.stream().filter(e -> !e.certified()).count());
        model.addAttribute("versions", certifications.versions(p, t));
        model.addAttribute("places", places(eligible));
        model.addAttribute("certifies", me.hasRole("PROVINCE") || me.hasRole("ADMIN"));
        model.addAttribute("error", error);
        return "outofschool/case-certification";
    }

    private String provinceName(String code) {
        return geography.province(code).map(x -> x.name(LocaleContextHolder.getLocale())).orElse(code);
    }

    private Map<String, String> places(List<CaseCertifications.EligibleCase> cases) {
        Map<String, String> names = new HashMap<>();
        for (CaseCertifications.EligibleCase c : cases) {
            names.computeIfAbsent(c.subdistrictCode(),
                    k -> geography.subdistrict(k).map(x -> x.name(LocaleContextHolder.getLocale())).orElse(k));
        }
        return names;
    }
}
