package org.eduequity.reporting.web;

import java.util.List;
import java.util.Map;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.CurrentUser;
import org.eduequity.account.Role;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.Providers;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.survey.Children;
import org.eduequity.survey.ReturnedVisits;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each role's home page: the figures of the user's own area and where to go next. */
@Controller
class HomeController {

    private final CurrentUser currentUser;
    private final OrgUnits orgUnits;
    private final Children children;
    private final Geography geography;
    private final ReturnedVisits returnedVisits;
    private final FoundChildren found;
    private final Providers providers;
    private final org.eduequity.outofschool.Cases cases;
    // early warning (issue 9 step 2a)
    private final org.eduequity.studentcare.FollowUps careFollowUps;

    HomeController(CurrentUser currentUser, OrgUnits orgUnits, Children children, Geography geography, ReturnedVisits returnedVisits,
                   FoundChildren found, Providers providers, org.eduequity.outofschool.Cases cases,
                   org.eduequity.studentcare.FollowUps careFollowUps) {
        this.careFollowUps = careFollowUps;
        this.cases = cases;
        this.found = found;
        this.providers = providers;
        this.returnedVisits = returnedVisits;
        this.currentUser = currentUser;
        this.orgUnits = orgUnits;
        this.children = children;
        this.geography = geography;
    }

    @GetMapping("/")
    String home(Model model) {
        AccountPrincipal me = currentUser.require();
        AreaScope scope = me.scope();
        Map<Long, Long> childrenPerUnit = children.countByOrgUnit(scope);
        model.addAttribute("childrenPerUnit", childrenPerUnit);
        model.addAttribute("childrenTotal", childrenPerUnit.values().stream().mapToLong(Long::longValue).sum());
        if (me.roles().contains(Role.ADMIN)) {
            model.addAttribute("orgUnitTotal", orgUnits.search(scope, null, null, null, PageRequest.of(0, 1)).getTotalElements());
            return "home/admin";
        }
        if (me.roles().contains(Role.FUND)) {
            Map<String, Long> perProvince = children.countByProvince(scope);
            model.addAttribute("provinces", perProvince.keySet().stream()
                    .map(code -> new ProvinceRow(geography.province(code).orElseThrow(), perProvince.get(code))).toList());
            return "home/fund";
        }
        if (me.roles().contains(Role.PROVINCE)) {
            model.addAttribute("province", geography.province(me.provinceCode()).orElseThrow());
            List<OrgUnit> units = orgUnits.search(scope, me.provinceCode(), null, null,
                    PageRequest.of(0, 200, Sort.by("districtCode", "code"))).getContent();
            model.addAttribute("units", units);
            // early warning (issue 9 step 2a): ALERTs not acknowledged for 14 days
            model.addAttribute("careEscalated", careFollowUps.open(org.eduequity.studentcare.FollowUps.PROVINCE_DAYS));
            return "home/province";
        }
        if (me.roles().contains(Role.AREA_WORKER) && !me.roles().contains(Role.TEACHER)) {
            model.addAttribute("foundTotal", found.mine(0, 1).total());
            model.addAttribute("overdue", cases.overdueForMe());
            model.addAttribute("subdistricts", me.findingSubdistricts().stream().sorted()
                    .map(code -> geography.subdistrict(code).orElseThrow()).toList());
            return "home/area";
        }
        if (me.roles().contains(Role.PROVIDER) && !me.roles().contains(Role.TEACHER)) {
            model.addAttribute("provider", providers.own().orElse(null));
            model.addAttribute("referrals", cases.inbox().size());
            return "home/provider";
        }
        List<OrgUnit> units = orgUnits.byIds(me.orgUnitIds());
        model.addAttribute("units", units);
        if (me.findsChildren()) {
            model.addAttribute("foundTotal", found.mine(0, 1).total());
            model.addAttribute("overdue", cases.overdueForMe());
        }
        model.addAttribute("returnedCount", returnedVisits.count());
        if (me.roles().contains(Role.TEACHER)) {
            // early warning (issue 9 step 2a): the open follow-ups; a school head also sees those unacknowledged for 7 days
            model.addAttribute("careAlerts", careFollowUps.open(0));
            if (careFollowUps.isUnitHead(me.getUsername())) {
                model.addAttribute("careEscalated", careFollowUps.open(org.eduequity.studentcare.FollowUps.HEAD_DAYS));
            }
        }
        return "home/teacher";
    }

    record ProvinceRow(Geography.Province province, long children) {
    }
}
