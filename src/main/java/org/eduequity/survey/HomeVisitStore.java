package org.eduequity.survey;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes and reads households, visits and members with plain JDBC (batched; ready for bulk imports). */
@Repository
class HomeVisitStore {

    private final JdbcTemplate jdbc;

    HomeVisitStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A visit's header as stored. */
    record StoredVisit(long id, UUID externalId, String term, String status, long orgUnitId, String provinceCode,
                       List<String> evidenceFlags) {
    }

    /**
     * Serialises concurrent submissions of the same document (externalId) or of the same students until this
     * transaction ends, so that a retry racing its original finds it recorded, and two visits of one child
     * cannot both pass the once-per-term check. Locks are taken in a fixed order, so they cannot deadlock.
     */
    void lockFor(SurveyDocument d) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        if (d.externalId() != null) {
            keys.add("survey:" + d.externalId());
        }
        if (d.members() != null) {
            for (SurveyDocument.Member m : d.members()) {
                if (m != null && m.nationalId() != null && org.eduequity.shared.NationalId.isValid(m.nationalId())) {
                    keys.add("child:" + org.eduequity.shared.NationalId.of(m.nationalId()).value());
                }
            }
        }
        if (!keys.isEmpty()) {
            // one round trip; unnest yields the sorted keys in array order and the locks are taken in that order
            jdbc.queryForList("""
                    SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n)
                    ORDER BY n""", (Object) keys.toArray(String[]::new));
        }
    }

    Optional<StoredVisit> byExternalId(UUID externalId) {
        return jdbc.query("SELECT * FROM home_visit WHERE external_id = ?", (rs, i) -> visit(rs), externalId).stream().findFirst();
    }

    List<SurveyReceipt.Student> students(long visitId) {
        return jdbc.query("""
                SELECT c.national_id, c.id FROM visit_student vs JOIN child c ON c.id = vs.child_id
                WHERE vs.visit_id = ? ORDER BY c.national_id""",
                (rs, i) -> new SurveyReceipt.Student(rs.getString(1), rs.getLong(2)), visitId);
    }

    /** National ids among these children that already have a visit in the term, with that visit's id. */
    Map<Long, Long> visitedThisTerm(List<Long> childIds, String term) {
        Map<Long, Long> visited = new java.util.HashMap<>();
        jdbc.query("SELECT child_id, visit_id FROM visit_student WHERE term = ? AND child_id = ANY (?)",
                rs -> {
                    visited.put(rs.getLong(1), rs.getLong(2));
                }, term, childIds.toArray(Long[]::new));
        return visited;
    }

    /** Visits of a child, newest term first. */
    List<Map<String, Object>> visitsOfChild(long childId) {
        return jdbc.queryForList("""
                SELECT v.id, v.term, v.visited_on, v.status, v.evidence_flags FROM visit_student vs
                JOIN home_visit v ON v.id = vs.visit_id WHERE vs.child_id = ? ORDER BY v.term DESC""", childId);
    }

    long insert(SurveyDocument d, long orgUnitId, String provinceCode, Long recordedBy, String status, List<Long> memberChildIds,
                List<String> evidenceFlags, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        SurveyDocument.Address a = d.address();
        Long householdId = jdbc.queryForObject("""
                INSERT INTO household (house_no, village_no, subdistrict_code, postcode, latitude, longitude, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                trim(a.houseNo()), a.villageNo(), a.subdistrictCode(), a.postcode(),
                d.location() == null ? null : d.location().lat(), d.location() == null ? null : d.location().lon(), at, at);
        SurveyDocument.Housing h = d.housing();
        SurveyDocument.Vehicles v = d.vehicles();
        SurveyDocument.Appliances ap = d.appliances();
        SurveyDocument.Journey j = d.journeyToSchool();
        SurveyDocument.Consent c = d.consent();
        SurveyDocument.Certifier cert = d.incomeCertifiedBy();
        Long visitId = jdbc.queryForObject("""
                INSERT INTO home_visit (external_id, household_id, term, visited_on, org_unit_id, province_code, recorded_by, status,
                    single_parent, housing_tenure, housing_floor, housing_walls, housing_roof, has_toilet, farmland, drinking_water,
                    electricity, car_up_to_15y, car_over_15y, pickup_up_to_15y, pickup_over_15y, tractor_up_to_15y, tractor_over_15y,
                    motorcycle_or_boat, has_computer, has_air_conditioner, has_flat_screen_tv, has_washing_machine, has_refrigerator,
                    journey_distance_km, journey_minutes, journey_mode, income_certifier_name, income_certifier_position,
                    consent_given, consent_given_by, consent_given_on, consent_scopes, evidence_flags, submitted_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?::varchar[], ?::varchar[], ?, ?, ?)
                RETURNING id""", Long.class,
                d.externalId(), householdId, d.term(), LocalDate.parse(d.visitedOn()), orgUnitId, provinceCode, recordedBy, status,
                Boolean.TRUE.equals(d.singleParent()),
                h == null ? null : h.tenure(), h == null ? null : h.floor(), h == null ? null : h.walls(), h == null ? null : h.roof(),
                h == null ? null : h.hasToilet(), d.farmland(), d.drinkingWater(), d.electricity(),
                v == null ? null : v.carUpTo15y(), v == null ? null : v.carOver15y(), v == null ? null : v.pickupUpTo15y(),
                v == null ? null : v.pickupOver15y(), v == null ? null : v.tractorUpTo15y(), v == null ? null : v.tractorOver15y(),
                v == null ? null : v.motorcycleOrBoat(),
                ap == null ? null : ap.computer(), ap == null ? null : ap.airConditioner(), ap == null ? null : ap.flatScreenTv(),
                ap == null ? null : ap.washingMachine(), ap == null ? null : ap.refrigerator(),
                j == null ? null : j.distanceKm(), j == null ? null : j.minutes(), j == null ? null : j.mode(),
                cert == null ? null : trim(cert.name()), cert == null ? null : trim(cert.position()),
                c == null ? null : c.given(), c == null ? null : trim(c.givenBy()),
                c == null || c.givenOn() == null || c.givenOn().isBlank() ? null : LocalDate.parse(c.givenOn()),
                c == null || c.scopes() == null ? new String[0] : c.scopes().toArray(String[]::new),
                evidenceFlags.toArray(String[]::new),
                "SUBMITTED".equals(status) ? at : null, at, at);

        List<SurveyDocument.Member> members = d.members();
        jdbc.batchUpdate("""
                INSERT INTO household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name,
                    birth_date, age, sex, grade_level, disabled, chronically_ill, unemployed, studying, guardian,
                    income_wages, income_farming, income_business, income_welfare, income_other)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                java.util.stream.IntStream.range(0, members.size()).boxed().toList(), 100, (ps, position) -> {
            SurveyDocument.Member m = members.get(position);
            ps.setLong(1, visitId);
            ps.setInt(2, position);
            ps.setString(3, m.relationship());
            setLong(ps, 4, memberChildIds.get(position));
            ps.setString(5, m.nationalId() == null || m.nationalId().isBlank() ? null
                    : org.eduequity.shared.NationalId.of(m.nationalId()).value());
            ps.setString(6, m.firstName().trim());
            ps.setString(7, m.lastName().trim());
            ps.setObject(8, m.birthDate() == null || m.birthDate().isBlank() ? null : LocalDate.parse(m.birthDate()));
            if (m.age() == null) {
                ps.setNull(9, Types.SMALLINT);
            } else {
                ps.setInt(9, m.age());
            }
            ps.setString(10, m.sex() == null ? null : ("F".equals(m.sex()) ? "FEMALE" : "MALE"));
            ps.setString(11, m.gradeLevel());
            ps.setBoolean(12, Boolean.TRUE.equals(m.disabled()));
            ps.setBoolean(13, Boolean.TRUE.equals(m.chronicallyIll()));
            ps.setBoolean(14, Boolean.TRUE.equals(m.unemployed()));
            ps.setBoolean(15, Boolean.TRUE.equals(m.studying()));
            ps.setBoolean(16, Boolean.TRUE.equals(m.guardian()));
            SurveyDocument.Income in = m.income();
            ps.setBigDecimal(17, baht(in == null ? null : in.wages()));
            ps.setBigDecimal(18, baht(in == null ? null : in.farming()));
            ps.setBigDecimal(19, baht(in == null ? null : in.business()));
            ps.setBigDecimal(20, baht(in == null ? null : in.welfare()));
            ps.setBigDecimal(21, baht(in == null ? null : in.other()));
        });
        List<Object[]> students = new ArrayList<>();
        for (Long childId : memberChildIds) {
            if (childId != null) {
                students.add(new Object[] {visitId, childId, d.term()});
            }
        }
        jdbc.batchUpdate("INSERT INTO visit_student (visit_id, child_id, term) VALUES (?, ?, ?)", students);
        return visitId;
    }

    private static StoredVisit visit(java.sql.ResultSet rs) throws java.sql.SQLException {
        Array flags = rs.getArray("evidence_flags");
        return new StoredVisit(rs.getLong("id"), rs.getObject("external_id", UUID.class), rs.getString("term"), rs.getString("status"),
                rs.getLong("org_unit_id"), rs.getString("province_code"),
                flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()));
    }

    private static BigDecimal baht(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
