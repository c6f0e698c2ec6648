package org.eduequity.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.eduequity.disbursement.BankReconciliation;
import org.eduequity.disbursement.PaymentRounds;
import org.eduequity.outofschool.CaseCertifications;
import org.eduequity.outofschool.CaseOutcome;
import org.eduequity.outofschool.Cases;
import org.eduequity.outofschool.ConsentGiver;
import org.eduequity.outofschool.ConsentScope;
import org.eduequity.outofschool.FoundChildDocument;
import org.eduequity.outofschool.Monitoring;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.ProviderType;
import org.eduequity.outofschool.Providers;
import org.eduequity.outofschool.Reason;
import org.eduequity.shared.ProviderDirectory;
import org.eduequity.shared.Term;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * DEMO DATA ONLY. A dozen service providers in Rayong and Khon Kaen, and about sixty invented children and youth found
 * out of school in pilot subdistricts of Mueang Rayong (recorded by the demo area worker) and Mueang Khon Kaen, with a
 * pair of possible duplicates, one merged duplicate and one child who is on a school roster. Idempotent: providers are
 * found by code and children by their externalId.
 */
@Component
@Profile("demo")
class DemoOutOfSchool {

    /** The demo area worker's subdistricts in Mueang Rayong (2101). */
    static final Set<String> AREA_SUBDISTRICTS = Set.of("210101", "210102", "210103", "210109", "210111", "210112");
    /** The demo provider account's provider. */
    static final String DEMO_PROVIDER = "P21001";

    private final Providers providers;
    private final ProviderDirectory directory;
    private final FoundChildren found;
    private final Cases cases;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    DemoOutOfSchool(Providers providers, ProviderDirectory directory, FoundChildren found, Cases cases,
                    org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.providers = providers;
        this.directory = directory;
        this.found = found;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    /** The stage each demo case is taken to (Rayong: demo-oos-21-1 … 8; Khon Kaen: demo-oos-40-1 … 3). */
    enum DemoStage { OPENED, ASSESSED, PLANNED, REFERRED, IN_SERVICE, SERVICES_DONE, CLOSED, REOPENED }

    static final List<DemoStage> RAYONG_CASES = List.of(DemoStage.OPENED, DemoStage.ASSESSED, DemoStage.PLANNED, DemoStage.REFERRED,
            DemoStage.IN_SERVICE, DemoStage.SERVICES_DONE, DemoStage.CLOSED, DemoStage.REOPENED);
    static final List<DemoStage> KHON_KAEN_CASES = List.of(DemoStage.OPENED, DemoStage.PLANNED, DemoStage.IN_SERVICE);

    /**
     * Cases at every stage for the first found children of a province, taken there by the given actors: {@code as}
     * switches the signed-in user ("province", "provider", "area"). A child that already has a case is skipped.
     */
    void loadCases(String province, List<DemoStage> stages, String providerCode, java.util.function.Consumer<String> as) {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Bangkok"));
        for (int i = 0; i < stages.size(); i++) {
            DemoStage stage = stages.get(i);
            List<Long> ids = jdbc.queryForList("SELECT id FROM found_child WHERE external_id = ?", Long.class, "demo-oos-" + province + "-" + (i + 1));
            if (ids.isEmpty() || cases.latestCaseOf(ids.get(0)).isPresent()) {
                continue;
            }
            as.accept("province");
            FoundChildren.FoundChild child = found.get(ids.get(0));
            Set<ConsentScope> scopes = i % 3 == 1 ? Set.of(ConsentScope.REFERRAL, ConsentScope.PAYMENT)
                    : Set.of(ConsentScope.REFERRAL, ConsentScope.SHARE_WITH_PROVIDER, ConsentScope.PAYMENT);
            // every other guardian's consent records the guardian's national id (invented, with a valid check digit; prefix 1-9x18-9,
            // never a demo child's): a minor's share of OOS_YOUTH is paid to that guardian (ADR 0012)
            String guardianId = i % 2 == 0 ? DemoData.demoNationalId("9" + province + "8", 800000 + i).value() : null;
            long id = cases.open(child.id(), new Cases.Consent(ConsentGiver.GUARDIAN, "ผู้ปกครอง (สาธิต)", today.minusDays(40), scopes,
                    guardianId)).id();
            if (stage == DemoStage.OPENED) {
                continue;
            }
            Need need = child.needs().isEmpty() ? Need.OTHER : child.needs().get(0);
            cases.assess(id, null, new Cases.Assessment(today.minusDays(35), "ทีมสหวิชาชีพ (สาธิต)", Set.of(need), "อยู่กับยาย รายได้ไม่แน่นอน (สาธิต)",
                    "อยากกลับไปเรียน (สาธิต)", "ต้องช่วยงานบ้าน (สาธิต)"));
            if (stage == DemoStage.ASSESSED) {
                continue;
            }
            cases.plan(id, null, new Cases.PlanData("กลับเข้าสู่การศึกษาภายในภาคเรียนหน้า (สาธิต)", List.of(new Cases.InterventionData(null, need,
                    providerCode, "ได้รับบริการตามความต้องการ (สาธิต)", "ครู กศน. ตำบล (สาธิต)", today.plusMonths(4), Monitoring.MONTHLY, false))));
            cases.decidePlan(id, null, "APPROVE", null);
            long intervention = jdbc.queryForObject("SELECT min(id) FROM oos_case_intervention WHERE case_id = ?", Long.class, id);
            if (stage == DemoStage.PLANNED) {
                continue;
            }
            long referral = cases.refer(id, null, new Cases.ReferralData(providerCode, intervention, "ติดต่อผู้ปกครองก่อนนัด (สาธิต)", null)).getKey().id();
            if (stage == DemoStage.REFERRED) {
                continue;
            }
            as.accept("provider");
            cases.accept(referral, null);
            as.accept("area");
            cases.followUp(id, null, new Cases.FollowUpData(today.minusDays(5), null, null, null, null, false, null, false, null));
            if (stage == DemoStage.IN_SERVICE) {
                continue;
            }
            as.accept("provider");
            cases.done(referral, null, true, null, "เข้าเรียนแล้ว (สาธิต)", today.minusDays(3));
            as.accept("area");
            cases.followUp(id, null, new Cases.FollowUpData(today.minusDays(5), today.minusDays(2), true, null, "เยี่ยมบ้าน เด็กไปเรียนสม่ำเสมอ (สาธิต)",
                    false, null, stage != DemoStage.SERVICES_DONE, null));
            if (stage == DemoStage.SERVICES_DONE) {
                continue;
            }
            as.accept("province");
            cases.close(id, null, CaseOutcome.BACK_IN_SCHOOL, today.minusDays(1), "กลับเข้าเรียนแล้ว (สาธิต)");
            if (stage == DemoStage.REOPENED) {
                cases.reopen(id, null, "ออกจากโรงเรียนอีกครั้ง (สาธิต)");
            }
        }
    }

    /**
     * Case payments (step 3): Rayong's eligible cases certified in the current term (by the province user) and paid in one
     * OOS_YOUTH round — planned by {@code fund}, approved by {@code fund2}, the bank file exported and every line PAID by
     * the bank's results — with a budget for it; P21001 gets a bank account. Khon Kaen's eligible case stays uncertified,
     * so its province user sees the certify button. Skipped when Rayong already has a certified case list.
     */
    void loadCasePayments(CaseCertifications certifications, PaymentRounds rounds, BankReconciliation bank,
                          java.util.function.Consumer<String> as) {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Bangkok"));
        String term = Term.containing(today).toString();
        if (jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '21'", Integer.class) > 0) {
            return;
        }
        jdbc.update("UPDATE provider SET bank_code = '006', bank_account_no = '1234567890', bank_account_name = name_th WHERE code = ?"
                + " AND bank_account_no IS NULL", DEMO_PROVIDER);
        jdbc.update("INSERT INTO programme_budget (programme_code, province_code, term, amount, updated_by) "
                + "VALUES ('OOS_YOUTH', '21', ?, 400000, 'demo') ON CONFLICT DO NOTHING", term);
        as.accept("province2");
        if (certifications.eligible("21").isEmpty()) {
            return;
        }
        long certification = certifications.certify("21", term).id();
        as.accept("fund");
        long round = rounds.create("OOS_YOUTH", term, List.of(certification), null).round().id();
        as.accept("fund2");
        rounds.approve(round);
        as.accept("fund");
        StringBuilder results = new StringBuilder(String.join(",", BankReconciliation.RESULTS_HEADER)).append('\n');
        bank.bankFile(round, l -> results.append(l.lineRef()).append(',').append(l.amount()).append(",PAID,").append(today).append(",demo\n"));
        bank.applyResults(round, new java.io.ByteArrayInputStream(results.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    record DemoProvider(String code, String nameTh, String nameEn, ProviderType type, Set<Need> services, Set<String> areas) {
    }

    static final List<DemoProvider> PROVIDERS = List.of(
            new DemoProvider("P21001", "วิทยาลัยเทคนิคระยอง (สาธิต)", "Rayong Technical College (demo)", ProviderType.VOCATIONAL_COLLEGE,
                    Set.of(Need.VOCATIONAL_TRAINING, Need.LIFE_SKILLS), Set.of()),
            new DemoProvider("P21002", "ศูนย์ส่งเสริมการเรียนรู้อำเภอเมืองระยอง (สาธิต)", "Mueang Rayong Learning Centre (demo)", ProviderType.NFE_CENTRE,
                    Set.of(Need.NON_FORMAL_EDUCATION, Need.LIFE_SKILLS), Set.of("2101")),
            new DemoProvider("P21003", "โรงเรียนบ้านเชิงเนิน (สาธิต)", "Ban Choeng Noen School (demo)", ProviderType.SCHOOL,
                    Set.of(Need.RETURN_TO_SCHOOL), Set.of("210102", "210103")),
            new DemoProvider("P21004", "สถาบันพัฒนาฝีมือแรงงานระยอง (สาธิต)", "Rayong Skill Development Institute (demo)", ProviderType.SKILLS_TRAINING_CENTRE,
                    Set.of(Need.VOCATIONAL_TRAINING), Set.of()),
            new DemoProvider("P21005", "โรงพยาบาลส่งเสริมสุขภาพตำบลท่าประดู่ (สาธิต)", "Tha Pradu Health Promoting Hospital (demo)", ProviderType.HEALTH_OFFICE,
                    Set.of(Need.HEALTH), Set.of("210101")),
            new DemoProvider("P21006", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดระยอง (สาธิต)", "Rayong Social Development Office (demo)",
                    ProviderType.SOCIAL_DEVELOPMENT_OFFICE, Set.of(Need.SOCIAL_WELFARE, Need.OTHER), Set.of()),
            new DemoProvider("P21007", "ศูนย์พัฒนาเด็กเล็กเทศบาลนครระยอง (สาธิต)", "Rayong Municipality Child Development Centre (demo)", ProviderType.SCHOOL,
                    Set.of(Need.EARLY_CHILDHOOD_CARE), Set.of("2101")),
            new DemoProvider("P21008", "มูลนิธิเด็กชายฝั่งตะวันออก (สาธิต)", "Eastern Seaboard Children Foundation (demo)", ProviderType.NGO,
                    Set.of(Need.LIFE_SKILLS, Need.SOCIAL_WELFARE, Need.RETURN_TO_SCHOOL), Set.of()),
            new DemoProvider("P40001", "วิทยาลัยการอาชีพขอนแก่น (สาธิต)", "Khon Kaen Industrial and Community Education College (demo)",
                    ProviderType.VOCATIONAL_COLLEGE, Set.of(Need.VOCATIONAL_TRAINING), Set.of()),
            new DemoProvider("P40002", "ศกร.ระดับตำบลในเมือง (สาธิต)", "Nai Mueang Learning Centre (demo)", ProviderType.NFE_CENTRE,
                    Set.of(Need.NON_FORMAL_EDUCATION), Set.of("400101", "400102")),
            new DemoProvider("P40003", "สำนักงานสาธารณสุขอำเภอเมืองขอนแก่น (สาธิต)", "Mueang Khon Kaen District Health Office (demo)", ProviderType.HEALTH_OFFICE,
                    Set.of(Need.HEALTH), Set.of("4001")),
            new DemoProvider("P40004", "โรงเรียนบ้านสำราญ (สาธิต)", "Ban Samran School (demo)", ProviderType.SCHOOL,
                    Set.of(Need.RETURN_TO_SCHOOL, Need.EARLY_CHILDHOOD_CARE), Set.of("400102")));

    /** Creates the providers that are missing; the caller is the demo administrator. */
    void loadProviders() {
        int serial = 0;
        for (DemoProvider p : PROVIDERS) {
            serial++;
            if (directory.provinceOf(p.code()).isPresent()) {
                continue;
            }
            String province = p.code().substring(1, 3);
            providers.create(new Providers.ProviderData(p.code(), p.nameTh(), p.nameEn(), p.type().name(), province,
                    "ผู้ประสานงาน " + p.code(), "03" + String.format("%08d", 80000000 + serial), "contact" + serial + "@example.org",
                    null, "006", String.format("99%08d", serial), p.nameTh(), p.services().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()),
                    p.areas(), true));
        }
    }

    /** Records the Rayong children as the demo area worker (the caller). */
    List<FoundChildren.Receipt> loadRayong() {
        List<String> subdistricts = AREA_SUBDISTRICTS.stream().sorted().toList();
        return load(new Random(21), "21", subdistricts, 42, 12.68, 101.28);
    }

    /**
     * A few Rayong records that show the duplicate rules and the in-school flag: a youth, the same youth typed with a
     * tone mark missing and no id (similar names), the same id recorded again and merged into the first, and a child
     * whose id is on a school roster.
     */
    void loadRayongExamples(String rosterId) {
        String id = DemoData.demoNationalId("921090", 799001).value();
        FoundChildren.Receipt first = found.record(example("demo-oos-21-a", id, null, "ด.ช.สมศักดิ์", "ทะเลงาม", "2012-05-10", "M",
                List.of(Reason.WORKING.name(), Reason.POVERTY.name()), List.of(Need.RETURN_TO_SCHOOL.name())));
        found.record(example("demo-oos-21-b", null, "ผู้ปกครองจำเลขไม่ได้ (สาธิต)", "สมศักดิ", "ทะเลงาม", "2012-05-10", "M",
                List.of(Reason.WORKING.name()), List.of(Need.NON_FORMAL_EDUCATION.name())));
        FoundChildren.Receipt again = found.record(example("demo-oos-21-c", id, null, "สมศักดิ์", "ทะเลงาม", "2012-05-10", "M",
                List.of(Reason.WORKING.name()), List.of(Need.RETURN_TO_SCHOOL.name())));
        if (again.status() != org.eduequity.outofschool.FoundStatus.DUPLICATE) {
            found.mergeInto(again.id(), first.id(), found.get(again.id()).version(), "บันทึกซ้ำโดยอาสาสมัครอีกคน (สาธิต)");
        }
        found.record(example("demo-oos-21-d", rosterId, null, "ธนากร", "ศรีสุข", "2015-01-20", "M",
                List.of(Reason.FAMILY_DUTIES.name()), List.of(Need.RETURN_TO_SCHOOL.name())));
    }

    private static FoundChildDocument example(String externalId, String nationalId, String noIdReason, String firstName, String lastName,
                                              String birthDate, String sex, List<String> reasons, List<String> needs) {
        return new FoundChildDocument(externalId, nationalId, noIdReason, firstName, lastName, birthDate, sex, "2026-07-01",
                new FoundChildDocument.Address("12", 3, "210101"), new FoundChildDocument.Location(new BigDecimal("12.680000"), new BigDecimal("101.270000")),
                "0812345678", "ช่วยพ่อทำประมง", "P6", "2025-03-31", reasons, needs, "", null);
    }

    /** Records the Khon Kaen children as the demo administrator (the caller). */
    List<FoundChildren.Receipt> loadKhonKaen() {
        return load(new Random(40), "40", List.of("400101", "400102", "400103"), 18, 16.45, 102.85);
    }

    private List<FoundChildren.Receipt> load(Random random, String province, List<String> subdistricts, int count, double lat, double lon) {
        List<FoundChildren.Receipt> receipts = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 6, 1);
        Reason[] reasons = Reason.values();
        for (int i = 1; i <= count; i++) {
            LocalDate surveyedOn = first.plusDays(random.nextInt(120));
            int age = 2 + random.nextInt(20);
            LocalDate birth = surveyedOn.minusYears(age).minusDays(random.nextInt(360));
            boolean girl = random.nextBoolean();
            String firstName = girl ? GIRLS[random.nextInt(GIRLS.length)] : BOYS[random.nextInt(BOYS.length)];
            String lastName = FAMILY[random.nextInt(FAMILY.length)];
            String subdistrict = subdistricts.get(random.nextInt(subdistricts.size()));
            boolean noId = random.nextInt(8) == 0;
            String nationalId = noId ? null : DemoData.demoNationalId("9" + province + "9" + subdistrict.substring(4), 700000 + i * 7).value();
            List<String> why = new ArrayList<>();
            List<String> needs = new ArrayList<>();
            if (age <= 6) {
                why.add(random.nextBoolean() ? Reason.POVERTY.name() : Reason.DISTANCE_OR_TRANSPORT.name());
                needs.add(Need.EARLY_CHILDHOOD_CARE.name());
                if (random.nextInt(4) == 0) {
                    needs.add(Need.HEALTH.name());
                }
            } else {
                why.add(reasons[random.nextInt(reasons.length)].name());
                if (random.nextBoolean()) {
                    String second = reasons[random.nextInt(reasons.length)].name();
                    if (!why.contains(second)) {
                        why.add(second);
                    }
                }
                needs.add(age <= 15 ? (random.nextBoolean() ? Need.RETURN_TO_SCHOOL.name() : Need.NON_FORMAL_EDUCATION.name())
                        : (random.nextBoolean() ? Need.VOCATIONAL_TRAINING.name() : Need.NON_FORMAL_EDUCATION.name()));
                if (random.nextInt(3) == 0) {
                    needs.add(random.nextBoolean() ? Need.LIFE_SKILLS.name() : Need.SOCIAL_WELFARE.name());
                }
            }
            String grade = age <= 6 ? "NONE" : age <= 12 ? "P" + Math.max(1, Math.min(6, age - 7)) : "M" + Math.max(1, Math.min(6, age - 12));
            FoundChildDocument doc = new FoundChildDocument("demo-oos-" + province + "-" + i, nationalId,
                    noId ? "ไม่มีเอกสารทางทะเบียน (สาธิต)" : null, firstName, lastName, birth.toString(), girl ? "F" : "M", surveyedOn.toString(),
                    new FoundChildDocument.Address(String.valueOf(1 + random.nextInt(240)), 1 + random.nextInt(12), subdistrict),
                    new FoundChildDocument.Location(BigDecimal.valueOf(lat + random.nextInt(400) / 10000.0), BigDecimal.valueOf(lon + random.nextInt(400) / 10000.0)),
                    "08" + String.format("%08d", random.nextInt(100_000_000)), SITUATIONS[random.nextInt(SITUATIONS.length)],
                    grade, age > 6 ? surveyedOn.minusMonths(3 + random.nextInt(30)).toString() : null, why, needs, "", "ข้อมูลสาธิต");
            receipts.add(found.record(doc));
        }
        return receipts;
    }

    private static final String[] GIRLS = {"มะลิ", "กุหลาบ", "ดวงใจ", "สุดา", "พิมพ์ชนก", "ณัฐธิดา", "ศิริพร", "อรอุมา", "กนกวรรณ", "ปวีณา", "จันทร์เพ็ญ", "ลำดวน"};
    private static final String[] BOYS = {"สมชาย", "ธนากร", "ภูมิ", "กิตติพงษ์", "วีรยุทธ", "อนุชา", "ณัฐพล", "ศักดิ์ชัย", "ปิยะ", "ชยพล", "สมศักดิ์", "บุญมี"};
    private static final String[] FAMILY = {"ใจดี", "ศรีสุข", "มั่นคง", "บุญมา", "แก้วมณี", "ทองดี", "พรหมมา", "สุขเจริญ", "คำแก้ว", "ชัยมงคล", "ทะเลงาม", "ประมงศรี"};
    private static final String[] SITUATIONS = {"ช่วยพ่อแม่ทำประมง", "รับจ้างในโรงงาน", "อยู่บ้านดูแลน้อง", "ทำงานร้านอาหาร", "ไม่ได้ทำอะไร",
            "ย้ายตามผู้ปกครองมาทำงาน", "อยู่กับยาย", "ขายของในตลาด"};
}
