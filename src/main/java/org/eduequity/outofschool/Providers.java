package org.eduequity.outofschool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.geography.Geography;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.ProviderDirectory;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.FieldProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry of service providers: administrators and provincial users (their own province) maintain them; the
 * fund office and the province's area workers read them. A provider's bank account is shown only to those who see
 * the whole province.
 */
@Service
@Transactional
public class Providers implements ProviderDirectory {

    static final String READERS = "hasAnyRole('PROVINCE', 'FUND', 'ADMIN', 'AREA_WORKER', 'TEACHER')";
    static final String WRITERS = "hasAnyRole('PROVINCE', 'ADMIN')";

    private final JdbcTemplate jdbc;
    private final CurrentArea area;
    private final Geography geography;
    private final AuditLog audit;
    private final Clock clock;

    Providers(JdbcTemplate jdbc, CurrentArea area, Geography geography, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.area = area;
        this.geography = geography;
        this.audit = audit;
        this.clock = clock;
    }

    /** A provider as read; the bank fields are null for a reader who does not see the whole province. */
    public record Provider(long id, String code, String nameTh, String nameEn, ProviderType type, String provinceCode,
                           String contactName, String phone, String email, String address, String bankCode, String bankAccountNo,
                           String bankAccountName, boolean active, Set<Need> services, List<String> areaCodes, long version) {

        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameTh;
        }
    }

    /** What a maintainer enters; areaCodes are district (4-digit) or subdistrict (6-digit) codes of the province. */
    public record ProviderData(String code, String nameTh, String nameEn, String type, String provinceCode, String contactName,
                               String phone, String email, String address, String bankCode, String bankAccountNo,
                               String bankAccountName, Set<String> services, Set<String> areaCodes, boolean active) {
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> provinceOf(String providerCode) {
        return jdbc.query("SELECT province_code FROM provider WHERE code = ?", (rs, i) -> rs.getString(1), providerCode).stream().findFirst();
    }

    /** The providers of a province the caller's area reaches, by code. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<Provider> ofProvince(String provinceCode) {
        AreaScope scope = area.scope();
        if (!scope.touchesProvince(provinceCode)) {
            throw new AccessDeniedException("Province " + provinceCode + " is outside the user's area");
        }
        return load("p.province_code = ?", scope, provinceCode);
    }

    /** One provider, for a caller whose area reaches its province. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Provider byCode(String code) {
        AreaScope scope = area.scope();
        Provider p = load("p.code = ?", scope, code).stream().findFirst().orElseThrow(() -> new NotFoundException("provider " + code));
        if (!scope.touchesProvince(p.provinceCode())) {
            throw new AccessDeniedException("Provider " + code + " is outside the user's area");
        }
        return p;
    }

    /** The provider of a PROVIDER user (without its bank account), or empty. */
    @PreAuthorize("hasRole('PROVIDER')")
    @Transactional(readOnly = true)
    public Optional<Provider> own() {
        if (!(area.scope() instanceof AreaScope.Provider mine)) {
            return Optional.empty();
        }
        return load("p.code = ?", area.scope(), mine.code()).stream().findFirst();
    }

    /** A suggested code for a new provider of the province: P, the province, the next serial. */
    @PreAuthorize(WRITERS)
    @Transactional(readOnly = true)
    public String nextCode(String provinceCode) {
        Integer max = jdbc.queryForObject("SELECT max(substr(code, 4)::int) FROM provider WHERE province_code = ?", Integer.class, provinceCode);
        return String.format("P%s%03d", provinceCode, max == null ? 1 : Math.min(999, max + 1));
    }

    @PreAuthorize(WRITERS)
    public Provider create(ProviderData data) {
        if (data.provinceCode() != null && !data.provinceCode().isBlank()) {
            requireMaintains(data.provinceCode().strip());
        }
        Checked c = check(data, true);
        requireMaintains(c.provinceCode);
        Instant now = Instant.now(clock);
        long id;
        try {
            id = jdbc.queryForObject("""
                    INSERT INTO provider (code, name_th, name_en, type, province_code, contact_name, phone, email, address, bank_code,
                        bank_account_no, bank_account_name, active, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                    c.code, c.nameTh, c.nameEn, c.type.name(), c.provinceCode, c.contactName, c.phone, c.email, c.address, c.bankCode,
                    c.bankAccountNo, c.bankAccountName, data.active(), Timestamp.from(now), Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.INVALID, "code", "provider.error.codeTaken");
        }
        writeChildren(id, c);
        audit.record(AuditAction.CREATE, "Provider", c.code, null);
        return byCode(c.code);
    }

    @PreAuthorize(WRITERS)
    public Provider update(String code, long expectedVersion, ProviderData data) {
        Provider existing = byCode(code);
        requireMaintains(existing.provinceCode());
        Checked c = check(new ProviderData(code, data.nameTh(), data.nameEn(), data.type(), existing.provinceCode(), data.contactName(),
                data.phone(), data.email(), data.address(), data.bankCode(), data.bankAccountNo(), data.bankAccountName(), data.services(),
                data.areaCodes(), data.active()), false);
        int updated = jdbc.update("""
                UPDATE provider SET name_th = ?, name_en = ?, type = ?, contact_name = ?, phone = ?, email = ?, address = ?, bank_code = ?,
                    bank_account_no = ?, bank_account_name = ?, active = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""", c.nameTh, c.nameEn, c.type.name(), c.contactName, c.phone, c.email, c.address,
                c.bankCode, c.bankAccountNo, c.bankAccountName, data.active(), Timestamp.from(Instant.now(clock)), existing.id(), expectedVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("Provider", code);
        }
        jdbc.update("DELETE FROM provider_service WHERE provider_id = ?", existing.id());
        jdbc.update("DELETE FROM provider_area WHERE provider_id = ?", existing.id());
        writeChildren(existing.id(), c);
        audit.record(AuditAction.UPDATE, "Provider", code, null);
        return byCode(code);
    }

    private void requireMaintains(String provinceCode) {
        if (!area.scope().coversProvince(provinceCode)) {
            throw new AccessDeniedException("Province " + provinceCode + " is outside the user's area");
        }
    }

    private void writeChildren(long id, Checked c) {
        for (Need n : c.services) {
            jdbc.update("INSERT INTO provider_service (provider_id, service) VALUES (?, ?)", id, n.name());
        }
        for (String a : c.areaCodes) {
            jdbc.update("INSERT INTO provider_area (provider_id, area_code) VALUES (?, ?)", id, a);
        }
    }

    private static final class Checked {
        String code;
        String nameTh;
        String nameEn;
        ProviderType type;
        String provinceCode;
        String contactName;
        String phone;
        String email;
        String address;
        String bankCode;
        String bankAccountNo;
        String bankAccountName;
        Set<Need> services = EnumSet.noneOf(Need.class);
        Set<String> areaCodes = new TreeSet<>();
    }

    private Checked check(ProviderData d, boolean creating) {
        List<FieldProblem> problems = new ArrayList<>();
        Checked c = new Checked();
        c.provinceCode = blankToNull(d.provinceCode());
        if (c.provinceCode == null || geography.province(c.provinceCode).isEmpty()) {
            problems.add(FindingValidator.problem("provinceCode", "provider.error.province"));
            c.provinceCode = null;
        }
        c.code = blankToNull(d.code()) == null ? null : d.code().strip().toUpperCase(Locale.ROOT);
        if (creating && (c.code == null || !c.code.matches("P[0-9]{5}") || (c.provinceCode != null && !c.code.substring(1, 3).equals(c.provinceCode)))) {
            problems.add(FindingValidator.problem("code", "provider.error.code"));
        }
        c.nameTh = blankToNull(d.nameTh());
        if (c.nameTh == null) {
            problems.add(FindingValidator.problem("nameTh", "finding.error.required"));
        } else if (c.nameTh.length() > 200) {
            problems.add(FindingValidator.problem("nameTh", "finding.error.tooLong", 200));
        }
        c.nameEn = blankToNull(d.nameEn());
        if (c.nameEn != null && c.nameEn.length() > 200) {
            problems.add(FindingValidator.problem("nameEn", "finding.error.tooLong", 200));
        }
        try {
            c.type = ProviderType.valueOf(d.type() == null ? "" : d.type().strip());
        } catch (IllegalArgumentException e) {
            problems.add(FindingValidator.problem("type", "finding.error.required"));
        }
        c.contactName = limited(d.contactName(), "contactName", 200, problems);
        c.address = limited(d.address(), "address", 500, problems);
        c.phone = blankToNull(d.phone()) == null ? null : d.phone().replaceAll("[\\s-]", "");
        if (c.phone != null && !c.phone.matches("0[0-9]{8,9}")) {
            problems.add(FindingValidator.problem("phone", "finding.error.phone"));
        }
        c.email = blankToNull(d.email());
        if (c.email != null && (!c.email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || c.email.length() > 200)) {
            problems.add(FindingValidator.problem("email", "provider.error.email"));
        }
        c.bankCode = blankToNull(d.bankCode());
        c.bankAccountNo = blankToNull(d.bankAccountNo()) == null ? null : d.bankAccountNo().replaceAll("[\\s-]", "");
        c.bankAccountName = limited(d.bankAccountName(), "bankAccountName", 200, problems);
        boolean anyBank = c.bankCode != null || c.bankAccountNo != null || c.bankAccountName != null;
        if (anyBank) {
            if (c.bankCode == null || !c.bankCode.matches("[0-9]{3}")) {
                problems.add(FindingValidator.problem("bankCode", "provider.error.bankCode"));
            }
            if (c.bankAccountNo == null || !c.bankAccountNo.matches("[0-9]{10,15}")) {
                problems.add(FindingValidator.problem("bankAccountNo", "provider.error.bankAccountNo"));
            }
            if (c.bankAccountName == null) {
                problems.add(FindingValidator.problem("bankAccountName", "finding.error.required"));
            }
        }
        if (d.services() != null) {
            for (String s : d.services()) {
                try {
                    c.services.add(Need.valueOf(s.strip()));
                } catch (IllegalArgumentException e) {
                    problems.add(FindingValidator.problem("services", "finding.error.oneOf", String.join(", ",
                            java.util.Arrays.stream(Need.values()).map(Enum::name).toList())));
                }
            }
        }
        if (c.services.isEmpty()) {
            problems.add(FindingValidator.problem("services", "provider.error.services"));
        }
        if (d.areaCodes() != null && c.provinceCode != null) {
            for (String a : d.areaCodes()) {
                String code = a.strip();
                boolean known = code.startsWith(c.provinceCode) && (code.length() == 4 ? geography.district(code).isPresent()
                        : code.length() == 6 && geography.subdistrict(code).isPresent());
                if (known) {
                    c.areaCodes.add(code);
                } else {
                    problems.add(FindingValidator.problem("areaCodes", "provider.error.area", code));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, problems);
        }
        return c;
    }

    private static String limited(String value, String field, int max, List<FieldProblem> problems) {
        String s = blankToNull(value);
        if (s != null && s.length() > max) {
            problems.add(FindingValidator.problem(field, "finding.error.tooLong", max));
            return null;
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private List<Provider> load(String where, AreaScope scope, Object arg) {
        Map<Long, Provider> byId = new LinkedHashMap<>();
        List<Provider> rows = jdbc.query("SELECT p.* FROM provider p WHERE " + where + " ORDER BY p.code", (rs, i) -> row(rs, scope), arg);
        for (Provider p : rows) {
            byId.put(p.id(), p);
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        Long[] ids = byId.keySet().toArray(Long[]::new);
        Map<Long, Set<Need>> services = new LinkedHashMap<>();
        jdbc.query("SELECT provider_id, service FROM provider_service WHERE provider_id = ANY (?) ORDER BY service",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> services.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Need.class))
                        .add(Need.valueOf(rs.getString(2))), (Object) ids);
        Map<Long, List<String>> areas = new LinkedHashMap<>();
        jdbc.query("SELECT provider_id, area_code FROM provider_area WHERE provider_id = ANY (?) ORDER BY area_code",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2)), (Object) ids);
        List<Provider> result = new ArrayList<>();
        for (Provider p : byId.values()) {
            result.add(new Provider(p.id(), p.code(), p.nameTh(), p.nameEn(), p.type(), p.provinceCode(), p.contactName(), p.phone(),
                    p.email(), p.address(), p.bankCode(), p.bankAccountNo(), p.bankAccountName(), p.active(),
                    services.getOrDefault(p.id(), EnumSet.noneOf(Need.class)), areas.getOrDefault(p.id(), List.of()), p.version()));
        }
        return result;
    }

    private static Provider row(ResultSet rs, AreaScope scope) throws SQLException {
        boolean bank = scope.coversProvince(rs.getString("province_code"));
        return new Provider(rs.getLong("id"), rs.getString("code"), rs.getString("name_th"), rs.getString("name_en"),
                ProviderType.valueOf(rs.getString("type")), rs.getString("province_code"), rs.getString("contact_name"), rs.getString("phone"),
                rs.getString("email"), rs.getString("address"), bank ? rs.getString("bank_code") : null,
                bank ? rs.getString("bank_account_no") : null, bank ? rs.getString("bank_account_name") : null, rs.getBoolean("active"),
                Set.of(), List.of(), rs.getLong("version"));
    }
}
