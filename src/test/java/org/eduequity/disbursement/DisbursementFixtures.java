package org.eduequity.disbursement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Certified lists for the disbursement tests, written straight into the tables: a child of a unit with its submitted
 * home visit and household (the student, and a guardian as asked), and a certified list version of a province and
 * term holding such children (as the review module's certification writes it). Disbursement tests own the terms
 * 2566/1–2568/2.
 */
final class DisbursementFixtures {

    private static final AtomicLong NEXT = new AtomicLong((System.currentTimeMillis() / 1000) % 10_000_000L * 10_000L);

    /** What the household says about the child's guardian. */
    enum Guardian {
        /** A member marked guardian with a 13-digit national id. */
        WITH_ID,
        /** A member marked guardian whose id is a G-code (no PromptPay). */
        WITH_G_CODE,
        /** A member marked guardian without any id. */
        WITHOUT_ID,
        /** Nobody marked guardian. */
        NONE
    }

    /** A certified child: its ids, its visit and the guardian's national id (when it has one). */
    record Kid(long childId, String nationalId, long visitId, String guardianId, String provinceCode) {
    }

    private final JdbcTemplate jdbc;

    DisbursementFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A valid 13-digit national id no other test uses (prefix 2). */
    static String nationalId() {
        String twelve = String.format("2%011d", NEXT.incrementAndGet() % 100_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    /** A child of the province's first school (1040010001 in Khon Kaen) with a submitted visit of the term. */
    Kid child(String term, String provinceCode, Guardian guardian) {
        return child(term, provinceCode, guardian, null);
    }

    /** A child of the given school (or of the province's first school, when null) with a submitted visit of the term. */
    Kid child(String term, String provinceCode, Guardian guardian, String unitCode) {
        var unit = unitCode != null ? jdbc.queryForMap("SELECT id, subdistrict_code FROM org_unit WHERE code = ?", unitCode)
                : jdbc.queryForMap("""
                SELECT id, subdistrict_code FROM org_unit WHERE province_code = ? AND type = 'SCHOOL'
                ORDER BY (code = '1040010001') DESC, code LIMIT 1""", provinceCode);
        long unitId = ((Number) unit.get("id")).longValue();
        String nationalId = nationalId();
        long childId = jdbc.queryForObject("""
                INSERT INTO child (national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                VALUES (?, 'เด็กจ่ายเงิน', 'ทดสอบ', ?, 'FEMALE', ?, ?, 'P4') RETURNING id""", Long.class,
                nationalId, LocalDate.of(2015, 5, 1), unitId, provinceCode);
        long householdId = jdbc.queryForObject("INSERT INTO household (subdistrict_code) VALUES (?) RETURNING id", Long.class,
                unit.get("subdistrict_code"));
        long visitId = jdbc.queryForObject("""
                INSERT INTO home_visit (household_id, term, visited_on, org_unit_id, province_code, status, submitted_at)
                VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?) RETURNING id""", Long.class,
                householdId, term, LocalDate.of(2026, 6, 20), unitId, provinceCode, OffsetDateTime.now());
        jdbc.update("""
                INSERT INTO household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name, age, studying)
                VALUES (?, 0, 'STUDENT', ?, ?, 'เด็กจ่ายเงิน', 'ทดสอบ', 10, TRUE)""", visitId, childId, nationalId);
        String guardianId = switch (guardian) {
            case WITH_ID -> nationalId();
            case WITH_G_CODE -> "G" + nationalId().substring(1);
            default -> null;
        };
        // an aunt without an id first, then the mother: the mother is the guardian (or nobody, for NONE)
        jdbc.update("""
                INSERT INTO household_member (visit_id, position, relationship, first_name, last_name, age)
                VALUES (?, 1, 'RELATIVE', 'ป้า', 'ทดสอบ', 50)""", visitId);
        jdbc.update("""
                INSERT INTO household_member (visit_id, position, relationship, national_id, first_name, last_name, age, guardian)
                VALUES (?, 2, 'MOTHER', ?, 'แม่', 'ทดสอบ', 38, ?)""", visitId, guardianId, guardian != Guardian.NONE);
        jdbc.update("INSERT INTO visit_student (visit_id, child_id, term) VALUES (?, ?, ?)", visitId, childId, term);
        return new Kid(childId, nationalId, visitId, guardian == Guardian.WITH_ID ? guardianId : null, provinceCode);
    }

    List<Kid> children(String term, String provinceCode, int n) {
        List<Kid> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kids.add(child(term, provinceCode, Guardian.WITH_ID));
        }
        return kids;
    }

    /** Certifies the children as the next version of the province's list of the term; returns its id. */
    long certify(String provinceCode, String term, List<Kid> kids) {
        int version = jdbc.queryForObject("SELECT COALESCE(max(version), 0) + 1 FROM certification WHERE province_code = ? AND term = ?",
                Integer.class, provinceCode, term);
        long id = jdbc.queryForObject("""
                INSERT INTO certification (province_code, term, version, reason, certified_by, certified_at, rule_sets, counts, entries)
                VALUES (?, ?, ?, ?, 'province', now(), '{}', ?::jsonb, ?) RETURNING id""", Long.class,
                provinceCode, term, version, version == 1 ? null : "amended by a disbursement test",
                "{\"EXTREMELY_POOR\": " + kids.size() + "}", kids.size());
        for (Kid k : kids) {
            jdbc.update("""
                    INSERT INTO certification_entry (certification_id, child_id, national_id, org_unit_id, org_unit_code, classification,
                                                     visit_id, result_id)
                    SELECT ?, c.id, c.national_id, c.org_unit_id, u.code, 'EXTREMELY_POOR', ?, 0
                    FROM child c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = ?""", id, k.visitId(), k.childId());
        }
        return id;
    }

    /** Sets the programme's budget of the province and term. */
    void budget(String programme, String provinceCode, String term, String baht) {
        jdbc.update("""
                INSERT INTO programme_budget (programme_code, province_code, term, amount) VALUES (?, ?, ?, ?::numeric)
                ON CONFLICT (programme_code, province_code, term) DO UPDATE SET amount = EXCLUDED.amount""",
                programme, provinceCode, term, baht);
    }
}
