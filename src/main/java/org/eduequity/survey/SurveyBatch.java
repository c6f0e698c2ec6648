package org.eduequity.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.NationalId;
import org.eduequity.survey.SurveyRejectedException.Reason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records many surveys at once for the NDJSON import, by the same rules as {@link Surveys#submit} but with a
 * fixed number of statements per batch instead of per survey: one lock statement, one lookup each for earlier
 * external ids, units, and students with their visits, and batched inserts. Each survey still stands or falls
 * on its own: a rejected survey is reported and the others are recorded. A batch it cannot decide alone — the
 * same external id or student twice in it — is refused with {@link Defer}, and the caller records those
 * surveys one by one instead.
 */
@Component
public class SurveyBatch {

    /** This batch is better recorded survey by survey. Nothing was written. */
    public static class Defer extends RuntimeException {
        Defer(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * What became of one survey: a receipt, or why it was refused; for a survey recorded just now, its screening result
     * as written at submit (null otherwise: an earlier receipt's current result is the caller's to read).
     */
    public record Outcome(SurveyReceipt receipt, SurveyRejectedException rejected, ScreeningResult screening) {
    }

    private final SurveyValidator validator;
    private final HomeVisitStore store;
    private final OrgUnits orgUnits;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Surveys surveys;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Screening screening;

    SurveyBatch(SurveyValidator validator, HomeVisitStore store, OrgUnits orgUnits, CurrentUser currentUser,
                AuditLog audit, Surveys surveys, JdbcTemplate jdbc, Clock clock, Screening screening) {
        this.screening = screening;
        this.validator = validator;
        this.store = store;
        this.orgUnits = orgUnits;
        this.currentUser = currentUser;
        this.audit = audit;
        this.surveys = surveys;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public List<Outcome> recordAll(List<SurveyDocument> docs) {
        // what only survey-by-survey order can decide
        Set<UUID> externalIds = new HashSet<>();
        Set<String> studentIds = new HashSet<>();
        TreeSet<String> lockKeys = new TreeSet<>();
        for (SurveyDocument d : docs) {
            if (d.externalId() != null) {
                if (!externalIds.add(d.externalId())) {
                    throw new Defer("external id twice in the batch");
                }
                lockKeys.add("survey:" + d.externalId());
            }
            for (String id : studentIdsOf(d)) {
                if (!studentIds.add(id)) {
                    throw new Defer("student twice in the batch");
                }
                lockKeys.add("child:" + id);
            }
        }
        store.lock(lockKeys);
        AreaScope scope = currentUser.scope();
        Long recordedBy = currentUser.principal().map(p -> p.id()).orElse(null);
        Instant now = Instant.now(clock);

        Set<UUID> earlier = new HashSet<>(externalIds.isEmpty() ? List.of() : jdbc.queryForList(
                "SELECT external_id FROM home_visit WHERE external_id = ANY (?)", UUID.class, (Object) externalIds.toArray(UUID[]::new)));
        Map<String, OrgUnit> units = new HashMap<>();
        Set<String> codes = new HashSet<>();
        docs.forEach(d -> {
            if (d.orgUnitCode() != null && !d.orgUnitCode().isBlank()) {
                codes.add(d.orgUnitCode().trim());
            }
        });
        orgUnits.byCodes(codes).forEach(u -> units.put(u.getCode(), u));
        // the students already on a roll and their visits (child id → term → visit id), in one query
        Map<String, OnRoll> onRoll = new HashMap<>();
        Map<Long, Map<String, Long>> visits = new HashMap<>();
        if (!studentIds.isEmpty()) {
            jdbc.query("""
                    SELECT c.national_id, c.id, c.org_unit_id, c.province_code, vs.term, vs.visit_id
                    FROM child c LEFT JOIN visit_student vs ON vs.child_id = c.id WHERE c.national_id = ANY (?)""", rs -> {
                onRoll.putIfAbsent(rs.getString(1), new OnRoll(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                if (rs.getString(5) != null) {
                    visits.computeIfAbsent(rs.getLong(2), c -> new HashMap<>()).put(rs.getString(5), rs.getLong(6));
                }
            }, (Object) studentIds.toArray(String[]::new));
        }

        Outcome[] outcomes = new Outcome[docs.size()];
        List<Integer> toInsert = new ArrayList<>();
        List<List<Long>> memberChildIds = new ArrayList<>();
        List<Object[]> newChildren = new ArrayList<>();
        List<String> newChildIds = new ArrayList<>();
        Map<Integer, List<int[]>> newChildSlots = new HashMap<>();
        for (int k = 0; k < docs.size(); k++) {
            SurveyDocument d = docs.get(k);
            if (d.externalId() != null && earlier.contains(d.externalId())) {
                outcomes[k] = retry(d.externalId());
                continue;
            }
            List<FieldProblem> problems = new ArrayList<>(validator.check(d));
            OrgUnit unit = d.orgUnitCode() == null ? null : units.get(d.orgUnitCode().trim());
            if (unit == null && d.orgUnitCode() != null && !d.orgUnitCode().isBlank()) {
                problems.add(FieldProblem.of("orgUnitCode", "survey.error.unknownOrgUnit"));
            }
            if (!problems.isEmpty()) {
                outcomes[k] = rejected(Reason.INVALID, problems);
                continue;
            }
            if (!scope.coversOrgUnit(unit.getId(), unit.getProvinceCode())) {
                outcomes[k] = rejected(Reason.FORBIDDEN, List.of(FieldProblem.of("orgUnitCode", "survey.error.notYourUnit")));
                continue;
            }
            List<Long> childIds = new ArrayList<>();
            List<FieldProblem> forbidden = new ArrayList<>();
            List<FieldProblem> conflicts = new ArrayList<>();
            List<int[]> slots = new ArrayList<>();
            for (int i = 0; i < d.members().size(); i++) {
                SurveyDocument.Member m = d.members().get(i);
                if (!"STUDENT".equals(m.relationship())) {
                    childIds.add(null);
                    continue;
                }
                String at = "members[" + i + "]";
                String id = NationalId.of(m.nationalId()).value();
                OnRoll existing = onRoll.get(id);
                if (existing != null) {
                    if (!scope.coversOrgUnit(existing.orgUnitId(), existing.provinceCode())) {
                        forbidden.add(FieldProblem.of(at + ".nationalId", "survey.error.childElsewhere"));
                    }
                    Long visit = visits.getOrDefault(existing.id(), Map.of()).get(d.term());
                    if (visit != null) {
                        conflicts.add(FieldProblem.of(at + ".nationalId", "survey.error.alreadyVisited", d.term(), visit));
                    }
                    childIds.add(existing.id());
                    continue;
                }
                if (m.birthDate() == null || m.birthDate().isBlank()) {
                    problems.add(FieldProblem.of(at + ".birthDate", "survey.error.newStudentNeeds"));
                }
                if (m.sex() == null) {
                    problems.add(FieldProblem.of(at + ".sex", "survey.error.newStudentNeeds"));
                }
                if (m.gradeLevel() == null || m.gradeLevel().isBlank()) {
                    problems.add(FieldProblem.of(at + ".gradeLevel", "survey.error.newStudentNeeds"));
                }
                childIds.add(null);
                slots.add(new int[] {i});
            }
            if (!forbidden.isEmpty()) {
                outcomes[k] = rejected(Reason.FORBIDDEN, forbidden);
            } else if (!problems.isEmpty()) {
                outcomes[k] = rejected(Reason.INVALID, problems);
            } else if (!conflicts.isEmpty()) {
                outcomes[k] = rejected(Reason.CONFLICT, conflicts);
            } else {
                toInsert.add(k);
                memberChildIds.add(childIds);
                newChildSlots.put(k, slots);
                for (int[] slot : slots) {
                    SurveyDocument.Member m = d.members().get(slot[0]);
                    String id = NationalId.of(m.nationalId()).value();
                    newChildIds.add(id);
                    newChildren.add(new Object[] {null, id, m.firstName().trim(), m.lastName().trim(), LocalDate.parse(m.birthDate()),
                            "F".equals(m.sex()) ? "FEMALE" : "MALE", unit.getId(), unit.getProvinceCode(), m.gradeLevel()});
                }
            }
        }

        // new children, with ids drawn first so that members can name them
        List<AuditLog.Action> audited = new ArrayList<>();
        Map<String, Long> createdChildren = new HashMap<>();
        if (!newChildren.isEmpty()) {
            List<Long> ids = store.nextIds("child", newChildren.size());
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            for (int n = 0; n < newChildren.size(); n++) {
                Object[] row = newChildren.get(n);
                row[0] = ids.get(n);
                createdChildren.put(newChildIds.get(n), ids.get(n));
            }
            List<Object[]> rows = newChildren.stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], at, at})
                    .toList();
            org.eduequity.shared.BulkInsert.insert(jdbc, "child", List.of("id:bigint", "national_id:varchar", "first_name:varchar",
                    "last_name:varchar", "birth_date:date", "sex:varchar", "org_unit_id:bigint", "province_code:varchar",
                    "grade_level:varchar", "created_at:timestamptz", "updated_at:timestamptz"), rows);
        }
        List<HomeVisitStore.NewVisit> newVisits = new ArrayList<>();
        List<List<String>> flagsOf = new ArrayList<>();
        List<List<Long>> createdOf = new ArrayList<>();
        for (int n = 0; n < toInsert.size(); n++) {
            int k = toInsert.get(n);
            SurveyDocument d = docs.get(k);
            List<Long> childIds = memberChildIds.get(n);
            List<Long> created = new ArrayList<>();
            for (int[] slot : newChildSlots.get(k)) {
                Long childId = createdChildren.get(NationalId.of(d.members().get(slot[0]).nationalId()).value());
                childIds.set(slot[0], childId);
                created.add(childId);
            }
            createdOf.add(created);
            OrgUnit unit = units.get(d.orgUnitCode().trim());
            List<String> flags = surveys.newVisitEvidence(d).stream().map(Enum::name).toList();
            flagsOf.add(flags);
            newVisits.add(new HomeVisitStore.NewVisit(d, unit.getId(), unit.getProvinceCode(), recordedBy, "SUBMITTED", childIds, flags));
        }
        List<Long> visitIds = newVisits.isEmpty() ? List.of() : store.insertAll(newVisits, now);
        Map<Long, ScreeningResult> results = screening.screenVisits(visitIds, ScreeningResult.Cause.SUBMITTED);
        for (int n = 0; n < toInsert.size(); n++) {
            int k = toInsert.get(n);
            SurveyDocument d = docs.get(k);
            audited.add(Surveys.audited(d, visitIds.get(n), createdOf.get(n)));
            List<SurveyReceipt.Student> students = new ArrayList<>();
            List<Long> childIds = memberChildIds.get(n);
            for (int i = 0; i < d.members().size(); i++) {
                if (childIds.get(i) != null) {
                    students.add(new SurveyReceipt.Student(NationalId.of(d.members().get(i).nationalId()).value(), childIds.get(i)));
                }
            }
            students.sort(java.util.Comparator.comparing(SurveyReceipt.Student::nationalId));
            outcomes[k] = new Outcome(new SurveyReceipt(visitIds.get(n), d.externalId(), d.term(), "SUBMITTED", List.copyOf(students),
                    flagsOf.get(n), true), null, results.get(visitIds.get(n)));
        }
        audit.recordAll(audited);
        return List.of(outcomes);
    }

    private Outcome retry(UUID externalId) {
        try {
            return new Outcome(surveys.byExternalId(externalId).orElseThrow(), null, null);
        } catch (SurveyRejectedException e) {
            return new Outcome(null, e, null);
        }
    }

    private static Outcome rejected(Reason reason, List<FieldProblem> problems) {
        return new Outcome(null, new SurveyRejectedException(reason, problems), null);
    }

    /** A child already on a roll: its record and area. */
    private record OnRoll(long id, long orgUnitId, String provinceCode) {
    }

    private static List<String> studentIdsOf(SurveyDocument d) {
        List<String> ids = new ArrayList<>();
        if (d.members() != null) {
            for (SurveyDocument.Member m : d.members()) {
                if (m != null && "STUDENT".equals(m.relationship()) && m.nationalId() != null && NationalId.isValid(m.nationalId())) {
                    ids.add(NationalId.of(m.nationalId()).value());
                }
            }
        }
        return ids;
    }
}
