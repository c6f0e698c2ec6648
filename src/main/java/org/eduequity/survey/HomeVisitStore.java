package org.eduequity.survey;

import org.eduequity.shared.AreaScope;

import java.math.BigDecimal;
import java.sql.Array;
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
        lock(keys);
    }

    /** Takes the transaction-scoped advisory locks of these keys, in their sorted order (so writers cannot deadlock). */
    void lock(java.util.SortedSet<String> keys) {
        org.eduequity.shared.AdvisoryLocks.exclusive(jdbc, keys);
    }

    Optional<StoredVisit> byExternalId(UUID externalId) {
        return jdbc.query("SELECT * FROM home_visit WHERE external_id = ?", (rs, i) -> visit(rs), externalId).stream().findFirst();
    }

    /**
     * SQL: the visit (its id in {@code visitIdColumn}) is a found out-of-school child's full visit within the subdistricts
     * given as the one array parameter — it has students, and every one is out of school and was found in one of them
     * (ADR 0011).
     */
    static String foundVisit(String visitIdColumn) {
        return "(EXISTS (SELECT 1 FROM visit_student fs WHERE fs.visit_id = " + visitIdColumn + ") AND NOT EXISTS (SELECT 1 FROM visit_student fs "
                + "JOIN child fc ON fc.id = fs.child_id WHERE fs.visit_id = " + visitIdColumn
                + " AND NOT (fc.status = 'OUT_OF_SCHOOL' AND fc.found_subdistrict_code = ANY (?))))";
    }

    /** Whether the scope reaches a visit: its unit's roll, or a found child's full visit in its subdistricts. */
    boolean visible(AreaScope scope, long visitId, long orgUnitId, String provinceCode) {
        if (scope.coversOrgUnit(orgUnitId, provinceCode)) {
            return true;
        }
        java.util.Set<String> subdistricts = scope.findingSubdistricts();
        return !subdistricts.isEmpty() && Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + foundVisit("?::bigint"), Boolean.class,
                visitId, visitId, subdistricts.toArray(String[]::new)));
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

    /** A visit to record: the document, its unit and area, who records it, each member's child id and the flags. */
    record NewVisit(SurveyDocument d, long orgUnitId, String provinceCode, Long recordedBy, String status, List<Long> memberChildIds,
                    List<String> evidenceFlags) {
    }

    long insert(SurveyDocument d, long orgUnitId, String provinceCode, Long recordedBy, String status, List<Long> memberChildIds,
                List<String> evidenceFlags, Instant now) {
        return insertAll(List.of(new NewVisit(d, orgUnitId, provinceCode, recordedBy, status, memberChildIds, evidenceFlags)), now)
                .get(0);
    }

    /** The next {@code n} values of a table's id sequence, so that rows can be inserted in batches with known ids. */
    List<Long> nextIds(String table, int n) {
        // the sequence is named once per table, not looked up again for every value drawn
        String sequence = sequences.computeIfAbsent(table, t -> jdbc.queryForObject("SELECT pg_get_serial_sequence(?, 'id')", String.class, t));
        return jdbc.queryForList("SELECT nextval((SELECT CAST(? AS regclass))) FROM generate_series(1, ?)", Long.class, sequence, n);
    }

    private final Map<String, String> sequences = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Inserts visits with their households, members and students: a batch of rows per table whatever the number of
     * visits (ids drawn from the sequences first), so that one visit and a thousand take the same few round trips.
     * Returns the visits' ids in list order.
     */
    List<Long> insertAll(List<NewVisit> visits, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Long> householdIds = nextIds("household", visits.size());
        List<Long> visitIds = nextIds("home_visit", visits.size());
        List<Object[]> households = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> students = new ArrayList<>();
        List<Object[]> memberRows = new ArrayList<>();
        for (int k = 0; k < visits.size(); k++) {
            NewVisit nv = visits.get(k);
            SurveyDocument d = nv.d();
            long visitId = visitIds.get(k);
            SurveyDocument.Address a = d.address();
            households.add(new Object[] {householdIds.get(k), trim(a.houseNo()), a.villageNo(), a.subdistrictCode(), a.postcode(),
                    d.location() == null ? null : d.location().lat(), d.location() == null ? null : d.location().lon(), at, at});
            rows.add(concat(new Object[] {visitId, d.externalId(), householdIds.get(k), d.term(), LocalDate.parse(d.visitedOn()), nv.orgUnitId(),
                    nv.provinceCode(), nv.recordedBy(), nv.status()}, answers(d),
                    new Object[] {nv.evidenceFlags().toArray(String[]::new), "SUBMITTED".equals(nv.status()) ? at : null, at, at}));
            List<SurveyDocument.Member> members = d.members();
            for (int position = 0; position < members.size(); position++) {
                SurveyDocument.Member m = members.get(position);
                memberRows.add(memberRow(visitId, position, m, nv.memberChildIds().get(position)));
            }
            for (Long childId : nv.memberChildIds()) {
                if (childId != null) {
                    students.add(new Object[] {visitId, childId, d.term()});
                }
            }
        }
        org.eduequity.shared.BulkInsert.insert(jdbc, "household", List.of("id:bigint", "house_no:varchar", "village_no:smallint",
                "subdistrict_code:varchar", "postcode:varchar", "latitude:numeric", "longitude:numeric", "created_at:timestamptz",
                "updated_at:timestamptz"), households);
        List<String> visitColumns = new ArrayList<>(List.of("id:bigint", "external_id:uuid", "household_id:bigint", "term:varchar",
                "visited_on:date", "org_unit_id:bigint", "province_code:varchar", "recorded_by:bigint", "status:varchar"));
        visitColumns.addAll(ANSWER_COLUMNS);
        visitColumns.addAll(List.of("evidence_flags:varchar[]", "submitted_at:timestamptz", "created_at:timestamptz", "updated_at:timestamptz"));
        org.eduequity.shared.BulkInsert.insert(jdbc, "home_visit", visitColumns, rows);
        org.eduequity.shared.BulkInsert.insert(jdbc, "household_member", MEMBER_COLUMNS, memberRows);
        org.eduequity.shared.BulkInsert.insert(jdbc, "visit_student", List.of("visit_id:bigint", "child_id:bigint", "term:varchar"),
                students);
        return visitIds;
    }

    /**
     * A stored visit's answers as a survey document: everything {@link #insertAll} writes. Read back, amounts have two
     * decimals and absent incomes are 0.00, absent yes/no answers of members are false, coordinates have six decimals,
     * students' national ids are normalised and the student's sex is F/M — so a document written in that form reads
     * back equal.
     */
    Optional<SurveyDocument> document(long visitId) {
        List<SurveyDocument> found = jdbc.query("""
                SELECT v.*, u.code AS org_unit_code, h.house_no, h.village_no, h.subdistrict_code, h.postcode, h.latitude, h.longitude
                FROM home_visit v JOIN household h ON h.id = v.household_id JOIN org_unit u ON u.id = v.org_unit_id WHERE v.id = ?""",
                (rs, i) -> {
                    BigDecimal lat = rs.getBigDecimal("latitude");
                    BigDecimal lon = rs.getBigDecimal("longitude");
                    Array scopes = rs.getArray("consent_scopes");
                    java.sql.Date givenOn = rs.getDate("consent_given_on");
                    String certName = rs.getString("income_certifier_name");
                    String certPosition = rs.getString("income_certifier_position");
                    return new SurveyDocument(rs.getObject("external_id", UUID.class), rs.getString("term"),
                            rs.getDate("visited_on").toLocalDate().toString(), rs.getString("org_unit_code"),
                            new SurveyDocument.Address(rs.getString("house_no"), integer(rs, "village_no"), rs.getString("subdistrict_code"),
                                    rs.getString("postcode")),
                            lat == null && lon == null ? null : new SurveyDocument.Location(lat, lon), rs.getBoolean("single_parent"),
                            null,
                            new SurveyDocument.Housing(rs.getString("housing_tenure"), rs.getString("housing_floor"),
                                    rs.getString("housing_walls"), rs.getString("housing_roof"), bool(rs, "has_toilet")),
                            rs.getString("farmland"), rs.getString("drinking_water"), rs.getString("electricity"),
                            new SurveyDocument.Vehicles(integer(rs, "car_up_to_15y"), integer(rs, "car_over_15y"),
                                    integer(rs, "pickup_up_to_15y"), integer(rs, "pickup_over_15y"), integer(rs, "tractor_up_to_15y"),
                                    integer(rs, "tractor_over_15y"), integer(rs, "motorcycle_or_boat")),
                            new SurveyDocument.Appliances(bool(rs, "has_computer"), bool(rs, "has_air_conditioner"),
                                    bool(rs, "has_flat_screen_tv"), bool(rs, "has_washing_machine"), bool(rs, "has_refrigerator")),
                            new SurveyDocument.Consent(bool(rs, "consent_given"), rs.getString("consent_given_by"),
                                    givenOn == null ? null : givenOn.toLocalDate().toString(),
                                    scopes == null ? List.of() : List.of((String[]) scopes.getArray())),
                            new SurveyDocument.Journey(rs.getBigDecimal("journey_distance_km"), integer(rs, "journey_minutes"),
                                    rs.getString("journey_mode")),
                            certName == null && certPosition == null ? null : new SurveyDocument.Certifier(certName, certPosition));
                }, visitId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SurveyDocument d = found.get(0);
        List<SurveyDocument.Member> members = jdbc.query("SELECT * FROM household_member WHERE visit_id = ? ORDER BY position",
                (rs, i) -> {
                    java.sql.Date birth = rs.getDate("birth_date");
                    String sex = rs.getString("sex");
                    return new SurveyDocument.Member(rs.getString("relationship"), rs.getString("national_id"), rs.getString("first_name"),
                            rs.getString("last_name"), birth == null ? null : birth.toLocalDate().toString(), integer(rs, "age"),
                            sex == null ? null : "FEMALE".equals(sex) ? "F" : "M", rs.getString("grade_level"), rs.getBoolean("disabled"),
                            rs.getBoolean("chronically_ill"), rs.getBoolean("unemployed"), rs.getBoolean("studying"),
                            rs.getBoolean("guardian"), new SurveyDocument.Income(rs.getBigDecimal("income_wages"),
                                    rs.getBigDecimal("income_farming"), rs.getBigDecimal("income_business"),
                                    rs.getBigDecimal("income_welfare"), rs.getBigDecimal("income_other")));
                }, visitId);
        return Optional.of(new SurveyDocument(d.externalId(), d.term(), d.visitedOn(), d.orgUnitCode(), d.address(), d.location(),
                d.singleParent(), members, d.housing(), d.farmland(), d.drinkingWater(), d.electricity(), d.vehicles(), d.appliances(),
                d.consent(), d.journeyToSchool(), d.incomeCertifiedBy()));
    }

    /** A visit's status, version, area and when it was submitted, locked until the transaction ends. */
    record LockedVisit(long id, String term, String status, long version, long orgUnitId, String provinceCode, long householdId,
                       OffsetDateTime submittedAt, List<String> evidenceFlags) {
    }

    Optional<LockedVisit> lockVisit(long visitId) {
        return header(visitId, true);
    }

    /** A visit's status, version, area and when it was submitted, without locking it. */
    Optional<LockedVisit> header(long visitId) {
        return header(visitId, false);
    }

    private Optional<LockedVisit> header(long visitId, boolean lock) {
        return jdbc.query("SELECT * FROM home_visit WHERE id = ?" + (lock ? " FOR UPDATE" : ""), (rs, i) -> {
            Array flags = rs.getArray("evidence_flags");
            return new LockedVisit(rs.getLong("id"), rs.getString("term"), rs.getString("status"), rs.getLong("version"),
                    rs.getLong("org_unit_id"), rs.getString("province_code"), rs.getLong("household_id"),
                    rs.getObject("submitted_at", OffsetDateTime.class), flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()));
        }, visitId).stream().findFirst();
    }

    /**
     * Replaces a visit's answers in place (same visit id, household and students): the visit's and the household's
     * columns are updated and the members written again. The visit gets this status, submitted_at {@code now} when
     * SUBMITTED, and a new version; returns false (nothing changed) when the visit's version is no longer the expected one.
     */
    boolean replace(long visitId, long expectedVersion, SurveyDocument d, String status, List<Long> memberChildIds,
                    List<String> evidenceFlags, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        StringBuilder set = new StringBuilder("visited_on = ?, status = ?");
        for (String column : ANSWER_COLUMNS) {
            String[] nameAndType = column.split(":");
            set.append(", ").append(nameAndType[0]).append(nameAndType[1].endsWith("[]") ? " = ?::" + nameAndType[1] : " = ?");
        }
        int updated = jdbc.update("UPDATE home_visit SET " + set + """
                , evidence_flags = ?::varchar[], submitted_at = CASE WHEN ? = 'SUBMITTED' THEN ? ELSE submitted_at END,
                  version = version + 1, updated_at = ?
                WHERE id = ? AND version = ?""", concat(new Object[] {LocalDate.parse(d.visitedOn()), status}, answers(d),
                new Object[] {evidenceFlags.toArray(String[]::new), status, at, at, visitId, expectedVersion}));
        if (updated == 0) {
            return false;
        }
        SurveyDocument.Address a = d.address();
        jdbc.update("""
                UPDATE household SET house_no = ?, village_no = ?, subdistrict_code = ?, postcode = ?, latitude = ?, longitude = ?,
                       updated_at = ?
                WHERE id = (SELECT household_id FROM home_visit WHERE id = ?)""",
                trim(a.houseNo()), a.villageNo(), a.subdistrictCode(), a.postcode(), d.location() == null ? null : d.location().lat(),
                d.location() == null ? null : d.location().lon(), at, visitId);
        jdbc.update("DELETE FROM household_member WHERE visit_id = ?", visitId);
        List<Object[]> memberRows = new ArrayList<>();
        for (int position = 0; position < d.members().size(); position++) {
            memberRows.add(memberRow(visitId, position, d.members().get(position), memberChildIds.get(position)));
        }
        org.eduequity.shared.BulkInsert.insert(jdbc, "household_member", MEMBER_COLUMNS, memberRows);
        return true;
    }

    /**
     * The columns of a visit's answers, in the order {@link #answers(SurveyDocument)} gives their values (with their
     * types, as {@link org.eduequity.shared.BulkInsert} takes them): written by a new visit and by a correction alike.
     */
    private static final List<String> ANSWER_COLUMNS = List.of("single_parent:boolean", "housing_tenure:varchar", "housing_floor:varchar",
            "housing_walls:varchar", "housing_roof:varchar", "has_toilet:boolean", "farmland:varchar", "drinking_water:varchar",
            "electricity:varchar", "car_up_to_15y:smallint", "car_over_15y:smallint", "pickup_up_to_15y:smallint",
            "pickup_over_15y:smallint", "tractor_up_to_15y:smallint", "tractor_over_15y:smallint", "motorcycle_or_boat:smallint",
            "has_computer:boolean", "has_air_conditioner:boolean", "has_flat_screen_tv:boolean", "has_washing_machine:boolean",
            "has_refrigerator:boolean", "journey_distance_km:numeric", "journey_minutes:smallint", "journey_mode:varchar",
            "income_certifier_name:varchar", "income_certifier_position:varchar", "consent_given:boolean", "consent_given_by:varchar",
            "consent_given_on:date", "consent_scopes:varchar[]");

    /** The values of {@link #ANSWER_COLUMNS} from a document (absent sections give nulls; scopes an empty array). */
    private static Object[] answers(SurveyDocument d) {
        SurveyDocument.Housing h = d.housing();
        SurveyDocument.Vehicles v = d.vehicles();
        SurveyDocument.Appliances ap = d.appliances();
        SurveyDocument.Journey j = d.journeyToSchool();
        SurveyDocument.Consent c = d.consent();
        SurveyDocument.Certifier cert = d.incomeCertifiedBy();
        return new Object[] {Boolean.TRUE.equals(d.singleParent()),
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
                (c == null || c.scopes() == null ? List.<String>of() : c.scopes()).toArray(String[]::new)};
    }

    private static Object[] concat(Object[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray();
    }

    private static final List<String> MEMBER_COLUMNS = List.of("visit_id:bigint", "position:smallint",
            "relationship:varchar", "child_id:bigint", "national_id:varchar", "first_name:varchar", "last_name:varchar",
            "birth_date:date", "age:smallint", "sex:varchar", "grade_level:varchar", "disabled:boolean", "chronically_ill:boolean",
            "unemployed:boolean", "studying:boolean", "guardian:boolean", "income_wages:numeric", "income_farming:numeric",
            "income_business:numeric", "income_welfare:numeric", "income_other:numeric");

    private static Object[] memberRow(long visitId, int position, SurveyDocument.Member m, Long childId) {
        SurveyDocument.Income in = m.income();
        return new Object[] {visitId, position, m.relationship(), childId,
                m.nationalId() == null || m.nationalId().isBlank() ? null : org.eduequity.shared.NationalId.of(m.nationalId()).value(),
                m.firstName().trim(), m.lastName().trim(),
                m.birthDate() == null || m.birthDate().isBlank() ? null : LocalDate.parse(m.birthDate()), m.age(),
                m.sex() == null ? null : ("F".equals(m.sex()) ? "FEMALE" : "MALE"), m.gradeLevel(),
                Boolean.TRUE.equals(m.disabled()), Boolean.TRUE.equals(m.chronicallyIll()), Boolean.TRUE.equals(m.unemployed()),
                Boolean.TRUE.equals(m.studying()), Boolean.TRUE.equals(m.guardian()),
                baht(in == null ? null : in.wages()), baht(in == null ? null : in.farming()), baht(in == null ? null : in.business()),
                baht(in == null ? null : in.welfare()), baht(in == null ? null : in.other())};
    }

    private static Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean bool(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
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

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
