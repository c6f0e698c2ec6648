package org.eduequity.demo;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.eduequity.account.Accounts;
import org.eduequity.account.PasswordRuleException;
import org.eduequity.account.Role;
import org.eduequity.account.UserAccount;
import org.eduequity.organisation.Affiliation;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnitManagement;
import org.eduequity.organisation.OrgUnitManagement.OrgUnitData;
import org.eduequity.organisation.OrgUnitType;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.NationalId;
import org.eduequity.survey.Children;
import org.eduequity.survey.Sex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DEMO DATA ONLY. Loads the pilot provinces' demo organisation units, children and the fixed demo accounts
 * ({@code teacher}, {@code teacher2}, {@code province}, {@code province2}, {@code fund}, {@code fund2},
 * {@code admin}, the area worker {@code area} and the provider user {@code provider}), the out-of-school demo data
 * ({@link DemoOutOfSchool}) when the {@code demo} profile is active. Idempotent: what exists is kept. The demo accounts'
 * password is {@code EDUEQUITY_DEMO_PASSWORD} when set, otherwise generated at each start and printed once.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final OrgUnits orgUnits;
    private final OrgUnitManagement orgUnitManagement;
    private final Accounts accounts;
    private final Children children;
    private final TransactionTemplate tx;
    private final String configuredPassword;
    private final DemoVisits visits;
    private final UserDetailsService users;
    private final DemoOutOfSchool outOfSchool;
    private final org.eduequity.outofschool.CaseCertifications caseCertifications;
    private final org.eduequity.disbursement.PaymentRounds paymentRounds;
    private final org.eduequity.disbursement.BankReconciliation bankReconciliation;

    DemoData(OrgUnits orgUnits, OrgUnitManagement orgUnitManagement, Accounts accounts, Children children,
             TransactionTemplate tx, @Value("${eduequity.demo.password:}") String configuredPassword, DemoVisits visits,
             UserDetailsService users, DemoOutOfSchool outOfSchool, org.eduequity.outofschool.CaseCertifications caseCertifications,
             org.eduequity.disbursement.PaymentRounds paymentRounds, org.eduequity.disbursement.BankReconciliation bankReconciliation) {
        this.outOfSchool = outOfSchool;
        this.caseCertifications = caseCertifications;
        this.paymentRounds = paymentRounds;
        this.bankReconciliation = bankReconciliation;
        this.visits = visits;
        this.users = users;
        this.orgUnits = orgUnits;
        this.orgUnitManagement = orgUnitManagement;
        this.accounts = accounts;
        this.children = children;
        this.tx = tx;
        this.configuredPassword = configuredPassword;
    }

    /** Demo organisation units in real subdistricts; names and codes are invented. */
    static final List<OrgUnitData> UNITS = List.of(
            new OrgUnitData("1040010001", "โรงเรียนบ้านสำราญ (สาธิต)", "Ban Samran School (demo)", OrgUnitType.SCHOOL, Affiliation.OBEC, "400102"),
            new OrgUnitData("1040050002", "โรงเรียนชุมแพพัฒนา (สาธิต)", "Chum Phae Phatthana School (demo)", OrgUnitType.SCHOOL, Affiliation.OBEC, "400501"),
            new OrgUnitData("1040170003", "โรงเรียนบ้านกุดเค้า (สาธิต)", "Ban Kut Khao School (demo)", OrgUnitType.SCHOOL, Affiliation.OBEC, "401701"),
            new OrgUnitData("CDC-400201", "ศูนย์พัฒนาเด็กเล็กบ้านหนองบัว (สาธิต)", "Ban Nong Bua Child Development Centre (demo)", OrgUnitType.CHILD_DEVELOPMENT_CENTRE, Affiliation.LOCAL_ADMINISTRATION, "400201"),
            new OrgUnitData("NFE-400101", "ศกร.ระดับตำบลในเมือง (สาธิต)", "Nai Mueang Learning Centre (demo)", OrgUnitType.NFE_CENTRE, Affiliation.NFE, "400101"),
            new OrgUnitData("1021010004", "โรงเรียนบ้านเชิงเนิน (สาธิต)", "Ban Choeng Noen School (demo)", OrgUnitType.SCHOOL, Affiliation.OBEC, "210102"),
            new OrgUnitData("1021030005", "โรงเรียนแกลงวิทยา (สาธิต)", "Klaeng Witthaya School (demo)", OrgUnitType.SCHOOL, Affiliation.OBEC, "210301"),
            new OrgUnitData("CDC-210401", "ศูนย์พัฒนาเด็กเล็กวังจันทร์ (สาธิต)", "Wang Chan Child Development Centre (demo)", OrgUnitType.CHILD_DEVELOPMENT_CENTRE, Affiliation.LOCAL_ADMINISTRATION, "210401"),
            new OrgUnitData("NFE-210101", "ศกร.ระดับตำบลท่าประดู่ (สาธิต)", "Tha Pradu Learning Centre (demo)", OrgUnitType.NFE_CENTRE, Affiliation.NFE, "210101"));

    /** The fixed demo accounts: username, display name, roles, province, org unit codes. */
    record DemoAccount(String username, String displayName, Set<Role> roles, String province, List<String> unitCodes) {
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("teacher", "ครูสมศรี ใจดี (สาธิต)", EnumSet.of(Role.TEACHER), null, List.of("1040010001")),
            new DemoAccount("teacher2", "ครูประเสริฐ มั่นคง (สาธิต)", EnumSet.of(Role.TEACHER), null, List.of("1040050002")),
            new DemoAccount("province", "เลขานุการคณะทำงาน จ.ขอนแก่น (สาธิต)", EnumSet.of(Role.PROVINCE), "40", List.of()),
            new DemoAccount("province2", "เลขานุการคณะทำงาน จ.ระยอง (สาธิต)", EnumSet.of(Role.PROVINCE), "21", List.of()),
            new DemoAccount("fund", "เจ้าหน้าที่ กสศ. คนที่ 1 (สาธิต)", EnumSet.of(Role.FUND), null, List.of()),
            new DemoAccount("fund2", "เจ้าหน้าที่ กสศ. คนที่ 2 (สาธิต)", EnumSet.of(Role.FUND), null, List.of()),
            new DemoAccount("admin", "ผู้ดูแลระบบ (สาธิต)", EnumSet.of(Role.ADMIN), null, List.of()));

    /** The area worker (subdistricts of Mueang Rayong) and the provider user (a Rayong provider), made once the providers exist. */
    static final String AREA = "area";
    static final String PROVIDER = "provider";

    static final int CHILDREN_PER_UNIT = 22;

    @Override
    public void run(ApplicationArguments args) {
        String password = configuredPassword.isBlank() ? generatePassword() : configuredPassword;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "demo-data", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            tx.executeWithoutResult(s -> loadUnits());
            tx.executeWithoutResult(s -> loadChildren());
            tx.executeWithoutResult(s -> loadAccounts(password));
            // visits are recorded as the demo administrator, whose area is national
            UserDetails admin = users.loadUserByUsername("admin");
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
            tx.executeWithoutResult(s -> visits.load());
            // out-of-school: providers, then the accounts that refer to them, then the found children (Rayong's by the area worker)
            tx.executeWithoutResult(s -> outOfSchool.loadProviders());
            tx.executeWithoutResult(s -> loadOutOfSchoolAccounts(password));
            tx.executeWithoutResult(s -> outOfSchool.loadKhonKaen());
            UserDetails area = users.loadUserByUsername(AREA);
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(area, null, area.getAuthorities()));
            tx.executeWithoutResult(s -> outOfSchool.loadRayong());
            tx.executeWithoutResult(s -> outOfSchool.loadRayongExamples(demoNationalId("210102", 5 * CHILDREN_PER_UNIT + 1).value()));
            // cases at every stage: opened by the province user, accepted and done by the provider user, visited by the area worker
            tx.executeWithoutResult(s -> outOfSchool.loadCases("21", DemoOutOfSchool.RAYONG_CASES, DemoOutOfSchool.DEMO_PROVIDER, u -> runAs(
                    u.equals("province") ? "province2" : u)));
            tx.executeWithoutResult(s -> outOfSchool.loadCases("40", DemoOutOfSchool.KHON_KAEN_CASES, "P40001", u -> runAs(
                    u.equals("provider") ? "admin" : u.equals("area") ? "admin" : "province")));
            // case payments: Rayong's eligible cases certified and paid in one OOS_YOUTH round
            tx.executeWithoutResult(s -> outOfSchool.loadCasePayments(caseCertifications, paymentRounds, bankReconciliation, this::runAs));
        } catch (PasswordRuleException e) {
            throw new IllegalStateException("EDUEQUITY_DEMO_PASSWORD is refused by the password rules (" + e.getMessage()
                    + "): use at least 8 characters that are not a common password", e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (configuredPassword.isBlank()) {
            String banner = "=".repeat(72);
            log.warn("\n{}\n DEMO accounts (teacher, teacher2, province, province2, fund, fund2, admin, area, provider)\n"
                    + " password for this start: {}\n (set EDUEQUITY_DEMO_PASSWORD to choose it)\n{}", banner, password, banner);
        } else {
            log.info("DEMO accounts use the password from EDUEQUITY_DEMO_PASSWORD");
        }
    }

    private void loadUnits() {
        for (OrgUnitData unit : UNITS) {
            if (orgUnits.byCode(unit.code()).isEmpty()) {
                orgUnitManagement.create(unit);
            }
        }
    }

    private void loadAccounts(String password) {
        for (DemoAccount a : ACCOUNTS) {
            Set<Long> unitIds = new java.util.HashSet<>();
            for (String code : a.unitCodes()) {
                unitIds.add(orgUnits.byCode(code).map(OrgUnit::getId).orElseThrow());
            }
            UserAccount account = accounts.byUsername(a.username()).orElse(null);
            if (account == null) {
                accounts.create(new Accounts.NewAccount(a.username(), a.displayName(), password, a.roles(), a.province(), unitIds));
            } else {
                accounts.resetPassword(account.getId(), account.getVersion(), password);
            }
        }
    }

    /** Signs the demo loader in as a demo account. */
    private void runAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private void loadOutOfSchoolAccounts(String password) {
        List<Accounts.NewAccount> wanted = List.of(
                new Accounts.NewAccount(AREA, "อาสาสมัครสำรวจ อ.เมืองระยอง (สาธิต)", password, EnumSet.of(Role.AREA_WORKER), null, Set.of(),
                        DemoOutOfSchool.AREA_SUBDISTRICTS, null),
                new Accounts.NewAccount(PROVIDER, "เจ้าหน้าที่วิทยาลัยเทคนิคระยอง (สาธิต)", password, EnumSet.of(Role.PROVIDER), null, Set.of(),
                        Set.of(), DemoOutOfSchool.DEMO_PROVIDER));
        for (Accounts.NewAccount a : wanted) {
            UserAccount account = accounts.byUsername(a.username()).orElse(null);
            if (account == null) {
                accounts.create(a);
            } else {
                accounts.resetPassword(account.getId(), account.getVersion(), password);
            }
        }
    }

    private void loadChildren() {
        Random random = new Random(2569);
        LocalDate today = LocalDate.of(2026, 11, 1);
        int serial = 0;
        for (OrgUnitData unit : UNITS) {
            for (int i = 0; i < CHILDREN_PER_UNIT; i++) {
                serial++;
                boolean girl = random.nextBoolean();
                int age = switch (unit.type()) {
                    case SCHOOL -> 6 + random.nextInt(9);
                    case CHILD_DEVELOPMENT_CENTRE -> 2 + random.nextInt(3);
                    case NFE_CENTRE -> 15 + random.nextInt(7);
                };
                LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
                String grade = switch (unit.type()) {
                    case SCHOOL -> age <= 11 ? "P" + Math.max(1, age - 5) : "M" + Math.min(3, age - 11);
                    case CHILD_DEVELOPMENT_CENTRE -> "ECE";
                    case NFE_CENTRE -> "NFE";
                };
                String title = age < 15 ? (girl ? "ด.ญ." : "ด.ช.") : (girl ? "น.ส." : "นาย");
                String first = girl ? GIRLS[random.nextInt(GIRLS.length)] : BOYS[random.nextInt(BOYS.length)];
                String last = FAMILY[random.nextInt(FAMILY.length)];
                children.registerIfAbsent(new Children.NewChild(demoNationalId(unit.subdistrictCode(), serial), title, first, last,
                        birth, girl ? Sex.FEMALE : Sex.MALE, "THA", unit.code(), grade));
            }
        }
    }

    /** A well-formed national id (valid check digit) from a reserved-looking prefix; invented, not real. */
    static NationalId demoNationalId(String subdistrict, int serial) {
        String twelve = "1" + subdistrict.substring(0, 4) + "9" + String.format("%06d", serial);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return NationalId.of(twelve + ((11 - sum % 11) % 10));
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static final String[] GIRLS = {"มะลิ", "กุหลาบ", "ดวงใจ", "สุดา", "พิมพ์ชนก", "ณัฐธิดา", "ศิริพร", "อรอุมา", "กนกวรรณ", "ปวีณา"};
    private static final String[] BOYS = {"สมชาย", "ธนากร", "ภูมิ", "กิตติพงษ์", "วีรยุทธ", "อนุชา", "ณัฐพล", "ศักดิ์ชัย", "ปิยะ", "ชยพล"};
    private static final String[] FAMILY = {"ใจดี", "ศรีสุข", "มั่นคง", "บุญมา", "แก้วมณี", "ทองดี", "พรหมมา", "สุขเจริญ", "คำแก้ว", "ชัยมงคล"};
}
