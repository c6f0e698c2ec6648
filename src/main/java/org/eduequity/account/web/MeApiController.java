package org.eduequity.account.web;

import java.util.List;
import java.util.Locale;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.Accounts;
import org.eduequity.account.CurrentUser;
import org.eduequity.account.Role;
import org.eduequity.account.UserAccount;
import org.eduequity.geography.Geography;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who the caller is and which area they may see. */
@RestController
@RequestMapping("/api/v1")
class MeApiController {

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final Geography geography;

    MeApiController(CurrentUser currentUser, Accounts accounts, Geography geography) {
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.geography = geography;
    }

    @GetMapping("/me")
    Me me() {
        AccountPrincipal principal = currentUser.require();
        UserAccount account = accounts.byId(principal.id()).orElseThrow(() -> new NotFoundException("account"));
        Locale locale = LocaleContextHolder.getLocale();
        ProvinceRef province = account.getProvinceCode() == null ? null
                : geography.province(account.getProvinceCode())
                        .map(p -> new ProvinceRef(p.code(), p.name(locale))).orElse(null);
        List<OrgUnitRef> units = accounts.orgUnitsOf(account).stream()
                .map(u -> new OrgUnitRef(u.getCode(), "en".equals(locale.getLanguage()) && u.getNameEn() != null ? u.getNameEn() : u.getNameTh(),
                        u.getType().name()))
                .toList();
        return new Me(account.getUsername(), account.getDisplayName(),
                account.getRoles().stream().map(Role::name).sorted().toList(), province, units,
                principal.findingSubdistricts().stream().sorted().toList(), account.getProviderCode());
    }

    /**
     * @param subdistricts where the caller finds out-of-school children: an area worker's subdistricts and those of
     *                     a teacher's non-formal-education centres
     * @param providerCode the provider of a PROVIDER user
     */
    record Me(String username, String name, List<String> roles, ProvinceRef province, List<OrgUnitRef> orgUnits,
              List<String> subdistricts, String providerCode) {
    }

    record ProvinceRef(String code, String name) {
    }

    record OrgUnitRef(String code, String name, String type) {
    }
}
