package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eduequity.shared.Term;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Students and their care records written straight to the database for the student-care tests. */
final class CareFixtures {

    /** Teacher's school in Khon Kaen (demo data). */
    static final String UNIT = "1040010001";
    /** Terms 2300/1–2349/2 belong to the student-care tests; each test takes its own. */
    private static final AtomicInteger TERMS = new AtomicInteger(0);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 100_000_000L * 10);

    private CareFixtures() {
    }

    /** A term of its own for a test. */
    static String term() {
        int n = TERMS.getAndIncrement();
        if (n >= 100) {
            throw new IllegalStateException("the student-care tests have used up their terms 2300/1–2349/2");
        }
        return (2300 + n / 2) + "/" + (n % 2 + 1);
    }

    /** A national id with a valid check digit, never issued before in this run (prefix 17). */
    static String nationalId() {
        String twelve = "17" + String.format("%010d", IDS.incrementAndGet() % 10_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    /** A new child on the roll of a unit. */
    static long child(JdbcTemplate jdbc, String unitCode) {
        return jdbc.queryForObject("""
                INSERT INTO child (national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                SELECT ?, 'ทดสอบ', 'ดูแลนักเรียน', DATE '2013-05-01', 'FEMALE', u.id, u.province_code, 'P6' FROM org_unit u WHERE u.code = ?
                RETURNING id""", Long.class, nationalId(), unitCode);
    }

    static long child(JdbcTemplate jdbc) {
        return child(jdbc, UNIT);
    }

    static String nationalIdOf(JdbcTemplate jdbc, long childId) {
        return jdbc.queryForObject("SELECT national_id FROM child WHERE id = ?", String.class, childId);
    }

    /** Publishes the numbers as a care rule set effective for the term only; returns it. */
    static CareRuleSet publish(JdbcTemplate jdbc, JsonMapper json, CareRuleSets sets, String term, CareParameters p) {
        long id = jdbc.queryForObject("""
                INSERT INTO care_rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
                VALUES ('care-test', ?, 'test', 'PUBLISHED', ARRAY[?]::varchar[], ?::jsonb, 'test', 'test', now()) RETURNING id""",
                Long.class, "v" + System.nanoTime() % 1_000_000_000L, term, json.writeValueAsString(p));
        return sets.get(id);
    }

    static CareParameters defaults(CareRuleSets sets) {
        return sets.byCodeAndVersion("care-default", "2569.1").orElseThrow().parameters();
    }

    static void grade(JdbcTemplate jdbc, long child, String term, String gpa, Integer failed) {
        jdbc.update("""
                INSERT INTO care_grade (child_id, term, province_code, org_unit_id, gpa, failed_subjects, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, ?, 'test', now() FROM child WHERE id = ?""",
                term, gpa == null ? null : new BigDecimal(gpa), failed, child);
    }

    static void health(JdbcTemplate jdbc, long child, String term, String nutrition, Boolean chronic) {
        jdbc.update("""
                INSERT INTO care_health (child_id, term, province_code, org_unit_id, nutrition, chronic_illness, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, ?, 'test', now() FROM child WHERE id = ?""", term, nutrition, chronic, child);
    }

    static void attendance(JdbcTemplate jdbc, long child, String term, int schoolDays, int daysAbsent) {
        jdbc.update("""
                INSERT INTO care_attendance (child_id, term, province_code, org_unit_id, school_days, days_absent, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, ?, 'test', now() FROM child WHERE id = ?""", term, schoolDays, daysAbsent, child);
    }

    /** An SDQ form recorded at a given moment (later forms are newer). */
    static void sdq(JdbcTemplate jdbc, long child, String term, SdqForm form, Integer[] items, long order) {
        Short[] scores = new Short[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = items[i] == null ? null : items[i].shortValue();
        }
        jdbc.update("""
                INSERT INTO care_sdq (child_id, term, province_code, org_unit_id, form, items, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, ?::smallint[], 'test', timestamptz '2020-01-01' + make_interval(secs => ?)
                FROM child WHERE id = ?""", term, form.name(), scores, order, child);
    }

    static void incident(JdbcTemplate jdbc, long child, String term, String type, String severity) {
        LocalDate date = Term.parse(term).startDate().plusDays(IDS.incrementAndGet() % 100);
        jdbc.update("""
                INSERT INTO care_incident (child_id, term, province_code, org_unit_id, occurred_on, type, severity, note, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, ?, ?, ?, 'test', now() FROM child WHERE id = ?""",
                term, date, type, severity, "n" + IDS.incrementAndGet(), child);
    }

    /**
     * A submitted home visit of the child in the term with its household (father and/or mother as asked) and, unless
     * null, a current poverty result of that class.
     */
    static void visit(JdbcTemplate jdbc, long child, String term, boolean singleParent, boolean father, boolean mother, String poverty) {
        long household = jdbc.queryForObject("INSERT INTO household (subdistrict_code) SELECT code FROM subdistrict ORDER BY code LIMIT 1 RETURNING id",
                Long.class);
        long visit = jdbc.queryForObject("""
                INSERT INTO home_visit (household_id, term, visited_on, org_unit_id, province_code, status, single_parent)
                SELECT ?, ?, ?, org_unit_id, province_code, 'SUBMITTED', ? FROM child WHERE id = ? RETURNING id""", Long.class,
                household, term, Term.parse(term).startDate(), singleParent, child);
        jdbc.update("""
                INSERT INTO household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name, age)
                SELECT ?, 0, 'STUDENT', id, national_id, first_name, last_name, 12 FROM child WHERE id = ?""", visit, child);
        int position = 1;
        if (father) {
            jdbc.update("INSERT INTO household_member (visit_id, position, relationship, first_name, last_name, age) VALUES (?, ?, 'FATHER', 'พ่อ', 'ทดสอบ', 40)",
                    visit, position++);
        }
        if (mother) {
            jdbc.update("INSERT INTO household_member (visit_id, position, relationship, first_name, last_name, age) VALUES (?, ?, 'MOTHER', 'แม่', 'ทดสอบ', 38)",
                    visit, position++);
        }
        jdbc.update("INSERT INTO household_member (visit_id, position, relationship, first_name, last_name, age) VALUES (?, ?, 'GRANDPARENT', 'ยาย', 'ทดสอบ', 70)",
                visit, position);
        jdbc.update("INSERT INTO visit_student (visit_id, child_id, term) VALUES (?, ?, ?)", visit, child, term);
        if (poverty != null) {
            jdbc.update("""
                    INSERT INTO screening_current (visit_id, result_id, term, province_code, classification, students)
                    SELECT ?, 900000000 + ?, ?, province_code, ?, 1 FROM child WHERE id = ?""", visit, visit, term, poverty, child);
        }
    }

    // ---- early warning (issue 9 step 2a, ADR 0009) ----

    /** Two consecutive terms of their own for a test: {previous, next}. */
    static String[] termPair() {
        int n = TERMS.getAndAdd(2);
        if (n + 1 >= 100) {
            throw new IllegalStateException("the student-care tests have used up their terms 2300/1–2349/2");
        }
        return new String[] {(2300 + n / 2) + "/" + (n % 2 + 1), (2300 + (n + 1) / 2) + "/" + ((n + 1) % 2 + 1)};
    }

    /** The child on the term's roster of its unit in a grade. */
    static void roster(JdbcTemplate jdbc, long child, String term, String grade) {
        jdbc.update("""
                INSERT INTO care_roster (child_id, term, province_code, org_unit_id, grade_level, recorded_by, recorded_at)
                SELECT id, ?, province_code, org_unit_id, ?, 'test', now() FROM child WHERE id = ?""", term, grade, child);
    }

    /** Daily absences of the child on these dates. */
    static void absences(JdbcTemplate jdbc, long child, String term, LocalDate... dates) {
        for (LocalDate d : dates) {
            jdbc.update("""
                    INSERT INTO care_absence (child_id, absent_on, term, province_code, org_unit_id, recorded_by, recorded_at)
                    SELECT id, ?, ?, province_code, org_unit_id, 'test', now() FROM child WHERE id = ?""", d, term, child);
        }
    }
}
