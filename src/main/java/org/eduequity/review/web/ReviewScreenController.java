package org.eduequity.review.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eduequity.geography.Geography;
import org.eduequity.review.Decision;
import org.eduequity.review.ReviewList;
import org.eduequity.review.ReviewReason;
import org.eduequity.review.ReviewStatus;
import org.eduequity.review.Reviews;
import org.eduequity.screening.Classification;
import org.eduequity.screening.ScreenedLists;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The province's review screen: the screened list of its province and term with evidence and review status,
 * filters, sorting, paging and counts; a decision per student; bulk approval of the filtered selection after the
 * count is confirmed. The fund office (and administrators) see every province read-only.
 */
@Controller
class ReviewScreenController {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{4}");
    private static final Pattern SUBDISTRICT = Pattern.compile("[0-9]{6}");

    private final ReviewList list;
    private final Reviews reviews;
    private final ScreenedLists screenedLists;
    private final CurrentArea area;
    private final Geography geography;
    private final MessageSource messages;
    private final Clock clock;

    ReviewScreenController(ReviewList list, Reviews reviews, ScreenedLists screenedLists, CurrentArea area,
                           Geography geography, MessageSource messages, Clock clock) {
        this.list = list;
        this.reviews = reviews;
        this.screenedLists = screenedLists;
        this.area = area;
        this.geography = geography;
        this.messages = messages;
        this.clock = clock;
    }

    /** The filter of a request, resolved against the caller's area (a province user always gets their own province). */
    record Resolved(ReviewList.Filter filter, ReviewList.Sort sort, boolean fixedProvince) {

        /** The list's address with this filter (and sort), for links and redirects. */
        UriComponentsBuilder url(String path) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath(path).queryParam("term", filter.term())
                    .queryParam("province", filter.provinceCode());
            if (filter.districtCode() != null) {
                b.queryParam("district", filter.districtCode());
            }
            if (filter.subdistrictCode() != null) {
                b.queryParam("subdistrict", filter.subdistrictCode());
            }
            if (filter.orgUnitCode() != null) {
                b.queryParam("orgUnit", filter.orgUnitCode());
            }
            if (filter.classification() != null) {
                b.queryParam("classification", filter.classification().name());
            }
            if (filter.status() != null) {
                b.queryParam("status", filter.status().name());
            }
            if (filter.flagged() != null) {
                b.queryParam("flagged", filter.flagged());
            }
            if (filter.nationalId() != null) {
                b.queryParam("nationalId", filter.nationalId());
            }
            if (sort != ReviewList.Sort.NEED) {
                b.queryParam("sort", sort.name().toLowerCase(Locale.ROOT));
            }
            return b;
        }
    }

    private Resolved resolve(String term, String province, String district, String subdistrict, String orgUnit, String classification,
                             String status, String flagged, String sort, String nationalId) {
        AreaScope scope = area.scope();
        boolean fixedProvince;
        String provinceCode = matching(province, PROVINCE);
        if (scope instanceof AreaScope.Province own) {
            fixedProvince = true;
            if (provinceCode == null) {
                provinceCode = own.code();
            }
            area.requireProvince(provinceCode);
        } else if (scope instanceof AreaScope.National) {
            fixedProvince = false;
        } else {
            throw new AccessDeniedException("The review is for the provinces and the fund office");
        }
        String theTerm = term(term);
        if (theTerm == null) {
            theTerm = screenedLists.latestTerm(provinceCode).orElse(Term.containing(LocalDate.now(clock)).toString());
        }
        if (provinceCode == null) {
            String t = theTerm;
            provinceCode = screenedLists.firstProvinceWithResults(t).orElseGet(() -> geography.provinces().get(0).code());
        }
        String districtCode = matching(district, DISTRICT);
        String subdistrictCode = matching(subdistrict, SUBDISTRICT);
        if (subdistrictCode != null && districtCode == null) {
            districtCode = subdistrictCode.substring(0, 4);
        }
        Boolean isFlagged = "true".equals(flagged) ? Boolean.TRUE : "false".equals(flagged) ? Boolean.FALSE : null;
        ReviewList.Filter filter = new ReviewList.Filter(theTerm, provinceCode, districtCode, subdistrictCode, blankToNull(orgUnit),
                parse(Classification.class, classification), parse(ReviewStatus.class, status), isFlagged, nationalId);
        return new Resolved(filter, ReviewList.Sort.parse(sort), fixedProvince);
    }

    @GetMapping("/review")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    String list(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                @RequestParam(required = false) String district, @RequestParam(required = false) String subdistrict,
                @RequestParam(required = false) String orgUnit, @RequestParam(required = false) String classification,
                @RequestParam(required = false) String status, @RequestParam(required = false) String flagged,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String nationalId,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Resolved r = resolve(term, province, district, subdistrict, orgUnit, classification, status, flagged, sort, nationalId);
        ReviewList.Filter filter = r.filter();
        ReviewList.Page result = list.list(area.scope(), filter, r.sort(), page, ReviewList.PAGE_SIZE);
        addChoices(model, r);
        model.addAttribute("page", result);
        model.addAttribute("sort", r.sort());
        model.addAttribute("sorts", ReviewList.Sort.values());
        model.addAttribute("statuses", ReviewStatus.values());
        model.addAttribute("canDecide", area.scope() instanceof AreaScope.Province);
        model.addAttribute("rejectReasons", ReviewReason.offeredFor(Decision.REJECT));
        model.addAttribute("returnReasons", ReviewReason.offeredFor(Decision.RETURN));
        model.addAttribute("listUrl", r.url("/review").encode().toUriString());
        model.addAttribute("baseUrlAnyClass", new Resolved(filter.withClassification(null), r.sort(), r.fixedProvince()).url("/review")
                .encode().toUriString());
        model.addAttribute("baseUrlAnyStatus", new Resolved(filter.withStatus(null), r.sort(), r.fixedProvince()).url("/review")
                .encode().toUriString());
        model.addAttribute("bulkUrl", r.url("/review/bulk").encode().toUriString());
        // every card's decide link: this prefix and the child's national id (digits), built once a page
        model.addAttribute("decidePrefix", UriComponentsBuilder.fromPath("/review/decide").queryParam("term", "{term}")
                .queryParam("province", "{province}").queryParam("back", "{back}").encode()
                .buildAndExpand(filter.term(), filter.provinceCode(), r.url("/review").encode().toUriString()).toUriString() + "&nationalId=");
        model.addAttribute("certificationsUrl", UriComponentsBuilder.fromPath("/review/certifications").queryParam("term", filter.term())
                .queryParam("province", filter.provinceCode()).encode().toUriString());
        return "review/list";
    }

    private void addChoices(Model model, Resolved r) {
        ReviewList.Filter filter = r.filter();
        List<String> terms = new ArrayList<>(screenedLists.terms(filter.provinceCode()));
        if (!terms.contains(filter.term())) {
            terms.add(0, filter.term());
        }
        model.addAttribute("filter", filter);
        model.addAttribute("fixedProvince", r.fixedProvince());
        model.addAttribute("province", geography.province(filter.provinceCode()).orElse(null));
        model.addAttribute("provinces", r.fixedProvince() ? List.of() : geography.provinces());
        model.addAttribute("terms", terms);
        model.addAttribute("districts", geography.districts(filter.provinceCode()));
        model.addAttribute("subdistricts", filter.districtCode() == null ? List.of() : geography.subdistricts(filter.districtCode()));
        // a province has hundreds of schools and centres (a select of them all was a third of every list page's time and no
        // help on a phone): the units of the chosen district, or only the chosen unit while no district is chosen
        List<ScreenedLists.Choice> units = filter.districtCode() != null ? screenedLists.orgUnits(filter.provinceCode(), filter.districtCode())
                : filter.orgUnitCode() == null ? List.of()
                : screenedLists.orgUnits(filter.provinceCode(), null).stream().filter(u -> u.code().equals(filter.orgUnitCode())).toList();
        model.addAttribute("orgUnits", units);
        model.addAttribute("classifications", List.of(Classification.EXTREMELY_POOR, Classification.POOR, Classification.NOT_POOR,
                Classification.INCOMPLETE));
    }

    /** The decision page of one child: the evidence and the three decisions, then back to the list it came from. */
    @GetMapping("/review/decide")
    @PreAuthorize("hasRole('PROVINCE')")
    String decidePage(@RequestParam String term, @RequestParam String province, @RequestParam String nationalId,
                      @RequestParam(required = false) String back, Model model) {
        String theTerm = term(term);
        String provinceCode = matching(province, PROVINCE);
        if (theTerm == null || provinceCode == null) {
            throw new org.eduequity.shared.web.NotFoundException("review list " + province + " " + term);
        }
        area.requireProvince(provinceCode);
        ReviewList.Filter filter = new ReviewList.Filter(theTerm, provinceCode, null, null, null, null, null, null, nationalId);
        List<ReviewList.Row> rows = filter.nationalId() == null ? List.of()
                : list.list(area.scope(), filter, ReviewList.Sort.NEED, 0, 1).rows();
        if (rows.isEmpty()) {
            throw new org.eduequity.shared.web.NotFoundException("child " + nationalId + " on the list of " + provinceCode + " " + theTerm);
        }
        model.addAttribute("r", rows.get(0));
        model.addAttribute("filter", filter);
        model.addAttribute("back", safeBack(back, theTerm, provinceCode));
        model.addAttribute("rejectReasons", ReviewReason.offeredFor(Decision.REJECT));
        model.addAttribute("returnReasons", ReviewReason.offeredFor(Decision.RETURN));
        return "review/decide";
    }

    /** One decision from the list; back to the list (same filters and page) with what became of it. */
    @PostMapping("/review/decide")
    @PreAuthorize("hasRole('PROVINCE')")
    String decide(@RequestParam String term, @RequestParam String province, @RequestParam String nationalId,
                  @RequestParam(required = false) String decision, @RequestParam(required = false) String reasonCode,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String overrideReason,
                  @RequestParam long version, @RequestParam long resultId, @RequestParam(required = false) String back,
                  RedirectAttributes redirect, Locale locale) {
        Decision d = parse(Decision.class, decision);
        String theTerm = term(term);
        if (theTerm == null || !PROVINCE.matcher(province).matches()) {
            throw new InvalidValueException("review.refused.notOnList", "term");
        }
        Reviews.Outcome o = reviews.decide(province, theTerm, List.of(new Reviews.Request(nationalId, d, reasonCode, reason, overrideReason,
                version, resultId))).get(0);
        if (o.refused()) {
            redirect.addFlashAttribute("reviewError", messages.getMessage(o.detailKey(), o.detailArgs().toArray(), o.detailKey(), locale));
            if (!"review.refused.stale".equals(o.detailKey()) && !"review.refused.already".equals(o.detailKey())
                    && !"review.refused.returned".equals(o.detailKey()) && !"review.refused.notOnList".equals(o.detailKey())) {
                // a decision that can be put right (a reason missing): back to the child's decision page
                return "redirect:" + UriComponentsBuilder.fromPath("/review/decide").queryParam("term", "{term}")
                        .queryParam("province", "{province}").queryParam("nationalId", "{nationalId}").queryParam("back", "{back}").encode()
                        .buildAndExpand(theTerm, province, nationalId, safeBack(back, theTerm, province)).toUriString();
            }
        } else {
            redirect.addFlashAttribute("reviewDone", messages.getMessage("review.done." + o.outcome(), null, locale));
        }
        return "redirect:" + safeBack(back, theTerm, province);
    }

    /** The count a bulk approval of the filtered selection would approve, to confirm. */
    @GetMapping("/review/bulk")
    @PreAuthorize("hasRole('PROVINCE')")
    String bulk(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                @RequestParam(required = false) String district, @RequestParam(required = false) String subdistrict,
                @RequestParam(required = false) String orgUnit, @RequestParam(required = false) String classification,
                @RequestParam(required = false) String status, @RequestParam(required = false) String flagged,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String nationalId, Model model) {
        Resolved r = resolve(term, province, district, subdistrict, orgUnit, classification, status, flagged, sort, nationalId);
        addChoices(model, r);
        model.addAttribute("preview", reviews.previewBulkApproval(r.filter()));
        model.addAttribute("listUrl", r.url("/review").encode().toUriString());
        model.addAttribute("bulkUrl", r.url("/review/bulk").encode().toUriString());
        return "review/bulk";
    }

    @PostMapping("/review/bulk")
    @PreAuthorize("hasRole('PROVINCE')")
    String approveAll(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                      @RequestParam(required = false) String district, @RequestParam(required = false) String subdistrict,
                      @RequestParam(required = false) String orgUnit, @RequestParam(required = false) String classification,
                      @RequestParam(required = false) String status, @RequestParam(required = false) String flagged,
                      @RequestParam(required = false) String sort, @RequestParam(required = false) String nationalId,
                      @RequestParam long confirmedCount, RedirectAttributes redirect, Locale locale) {
        Resolved r = resolve(term, province, district, subdistrict, orgUnit, classification, status, flagged, sort, nationalId);
        try {
            Reviews.BulkResult result = reviews.approveAll(r.filter(), confirmedCount);
            redirect.addFlashAttribute("reviewDone", messages.getMessage("review.bulk.done", new Object[] {result.approved()}, locale));
            return "redirect:" + r.url("/review").encode().toUriString();
        } catch (Reviews.StaleSelectionException e) {
            redirect.addFlashAttribute("reviewError", messages.getMessage("review.bulk.stale", new Object[] {e.confirmed(), e.now()}, locale));
            return "redirect:" + r.url("/review/bulk").encode().toUriString();
        }
    }

    /** Only a path of the review list may be the way back (never another site). */
    private static String safeBack(String back, String term, String province) {
        if (back != null && back.startsWith("/review?") && !back.contains("//") && !back.contains("\\")) {
            return back;
        }
        return UriComponentsBuilder.fromPath("/review").queryParam("term", term).queryParam("province", province).encode().toUriString();
    }

    static String term(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Term.parse(text.strip()).toString();
        } catch (InvalidValueException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String matching(String text, Pattern pattern) {
        String s = blankToNull(text);
        return s != null && pattern.matcher(s).matches() ? s : null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
