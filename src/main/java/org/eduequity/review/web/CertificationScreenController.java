package org.eduequity.review.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.eduequity.geography.Geography;
import org.eduequity.review.Certifications;
import org.eduequity.screening.ScreenedLists;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.Term;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The certified lists of a province and term: the versions, certifying (and amending, with a reason), a version's
 * entries with their CSV, and the difference between two versions with its CSV.
 */
@Controller
class CertificationScreenController {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
    private static final int ENTRIES_SHOWN = 500;
    private static final int CHANGES_SHOWN = 1000;

    private final Certifications certifications;
    private final ScreenedLists screenedLists;
    private final CurrentArea area;
    private final Geography geography;
    private final MessageSource messages;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CertificationScreenController(Certifications certifications, ScreenedLists screenedLists, CurrentArea area, Geography geography,
                                  MessageSource messages, JdbcTemplate jdbc, Clock clock) {
        this.certifications = certifications;
        this.screenedLists = screenedLists;
        this.area = area;
        this.geography = geography;
        this.messages = messages;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/review/certifications")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    String versions(@RequestParam(required = false) String term, @RequestParam(required = false) String province, Model model) {
        AreaScope scope = area.scope();
        String provinceCode = ReviewScreenController.matching(province, PROVINCE);
        if (scope instanceof AreaScope.Province own && provinceCode == null) {
            provinceCode = own.code();
        }
        if (provinceCode == null) {
            provinceCode = geography.provinces().get(0).code();
        }
        area.requireProvince(provinceCode);
        String theTerm = ReviewScreenController.term(term);
        if (theTerm == null) {
            theTerm = screenedLists.latestTerm(provinceCode).orElse(Term.containing(LocalDate.now(clock)).toString());
        }
        model.addAttribute("term", theTerm);
        model.addAttribute("provinceCode", provinceCode);
        model.addAttribute("province", geography.province(provinceCode).orElse(null));
        model.addAttribute("versions", certifications.versions(provinceCode, theTerm));
        model.addAttribute("approved", jdbc.queryForObject(
                "SELECT count(*) FROM review WHERE province_code = ? AND term = ? AND status = 'APPROVED'", Long.class, provinceCode, theTerm));
        model.addAttribute("canCertify", scope instanceof AreaScope.Province);
        return "review/certifications";
    }

    @PostMapping("/review/certifications")
    @PreAuthorize("hasRole('PROVINCE')")
    String certify(@RequestParam String term, @RequestParam String province, @RequestParam(required = false) String reason,
                   RedirectAttributes redirect, Locale locale) {
        String theTerm = ReviewScreenController.term(term);
        String provinceCode = ReviewScreenController.matching(province, PROVINCE);
        if (theTerm == null || provinceCode == null) {
            throw new AccessDeniedException("unknown list");
        }
        try {
            Certifications.Version v = certifications.certify(provinceCode, theTerm, reason);
            redirect.addFlashAttribute("certificationDone", messages.getMessage("certification.done", new Object[] {v.version(), v.entries()},
                    locale));
            return "redirect:/review/certifications/" + v.id();
        } catch (Certifications.CertificationRefusedException e) {
            redirect.addFlashAttribute("certificationError", messages.getMessage(e.key(), e.args(), e.key(), locale));
            return "redirect:" + UriComponentsBuilder.fromPath("/review/certifications").queryParam("term", theTerm)
                    .queryParam("province", provinceCode).encode().toUriString();
        }
    }

    @GetMapping("/review/certifications/{id}")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    String show(@PathVariable long id, Model model) {
        Certifications.Version v = certifications.get(id);
        List<Certifications.Entry> entries = new ArrayList<>();
        certifications.entries(v, e -> {
            if (entries.size() < ENTRIES_SHOWN) {
                entries.add(e);
            }
        });
        model.addAttribute("v", v);
        model.addAttribute("province", geography.province(v.provinceCode()).orElse(null));
        model.addAttribute("entries", entries);
        model.addAttribute("previous", certifications.versions(v.provinceCode(), v.term()).stream()
                .filter(o -> o.version() == v.version() - 1).findFirst().orElse(null));
        return "review/certification";
    }

    @GetMapping("/review/certifications/{id}/entries.csv")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    void entriesCsv(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        CertificationCsv.entries(certifications.get(id), certifications, messages, locale, response);
    }

    @GetMapping("/review/certifications/{id}/difference")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    String difference(@PathVariable long id, @RequestParam long from, Model model) {
        Certifications.Version to = certifications.get(id);
        Certifications.Version older = sameList(certifications.get(from), to);
        model.addAttribute("to", to);
        model.addAttribute("from", older);
        model.addAttribute("changes", certifications.difference(older, to, CHANGES_SHOWN));
        return "review/difference";
    }

    @GetMapping("/review/certifications/{id}/difference.csv")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND')")
    void differenceCsv(@PathVariable long id, @RequestParam long from, HttpServletResponse response, Locale locale) throws IOException {
        Certifications.Version to = certifications.get(id);
        CertificationCsv.difference(sameList(certifications.get(from), to), to, certifications, messages, locale, response);
    }

    /** The other version, when it is of the same province and term (else there is no such difference to show). */
    private static Certifications.Version sameList(Certifications.Version other, Certifications.Version v) {
        if (!other.provinceCode().equals(v.provinceCode()) || !other.term().equals(v.term())) {
            throw new org.eduequity.shared.web.NotFoundException("difference of versions of different lists");
        }
        return other;
    }
}
