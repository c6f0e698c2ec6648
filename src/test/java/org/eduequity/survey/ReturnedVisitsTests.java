package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A visit returned by the provincial review, corrected by its teacher and submitted again: read back, replaced in
 * place, kept as a revision, screened anew, announced; and what is refused. These tests own the terms 2481/1–2486/1
 * (in the past, so that visit dates are valid), screened with a copy of the default rule set.
 */
@IntegrationTest
@RecordApplicationEvents
public class ReturnedVisitsTests {

    static final String ROUND_TRIP = "2481/1";
    static final String DRAFTS = "2482/1";
    static final String API = "2483/1";
    static final String REFUSALS = "2484/1";
    static final String OTHER = "2485/1";
    static final String FIRST = "2486/1";

    @Autowired
    Surveys surveys;

    @Autowired
    ReturnedVisits returned;

    @Autowired
    VisitDrafts drafts;

    @Autowired
    HomeVisitStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void ruleSet() {
        publishRuleSetFor(jdbc, List.of(ROUND_TRIP, DRAFTS, API, REFUSALS, OTHER, FIRST));
    }

    /** A copy of the default rule set, published for these terms (once). */
    static void publishRuleSetFor(JdbcTemplate jdbc, List<String> terms) {
        jdbc.update("""
                INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
                SELECT 'test-returned', ?, 'test', 'PUBLISHED', ?::varchar[], parameters, 'test', 'test', now() FROM rule_set
                WHERE code = 'cct-pmt-default' AND version = '2569.1'
                  AND NOT EXISTS (SELECT 1 FROM rule_set WHERE code = 'test-returned' AND effective_terms = ?::varchar[])""",
                "v" + System.nanoTime() % 1_000_000_000L, terms.toArray(String[]::new), terms.toArray(String[]::new));
    }

    void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /**
     * A complete survey of teacher's school in a term (visited on 20 June of the term's year), in the form a stored
     * visit reads back: amounts with two decimals, coordinates with six, every yes/no answered.
     */
    public static SurveyDocument document(String term, String studentId, String motherWages) {
        int year = Integer.parseInt(term.substring(0, 4)) - 543;
        String visited = year + "-06-20";
        SurveyDocument.Income none = new SurveyDocument.Income(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00"));
        SurveyDocument.Member student = new SurveyDocument.Member("STUDENT", studentId, "ด.ญ. มะลิ", "ใจดี", (year - 12) + "-02-11", null,
                "F", "P6", false, false, false, true, false, none);
        SurveyDocument.Member mother = new SurveyDocument.Member("MOTHER", null, "สมใจ", "ใจดี", null, 35, "F", null, false, false,
                false, false, true, new SurveyDocument.Income(new BigDecimal(motherWages), new BigDecimal("0.00"), new BigDecimal("250.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00")));
        SurveyDocument.Member uncle = new SurveyDocument.Member("RELATIVE", null, "สมชาย", "ใจดี", (year - 40) + "-01-05", null, "M",
                null, false, true, true, false, false, none);
        return new SurveyDocument(UUID.randomUUID(), term, visited, "1040010001",
                new SurveyDocument.Address("88/2", 7, "400102", "40000"),
                new SurveyDocument.Location(new BigDecimal("16.537000"), new BigDecimal("102.837000")), true,
                List.of(student, mother, uncle), new SurveyDocument.Housing("LIVE_WITH_OTHERS", "EARTH", "BAMBOO_SCRAP", "SHEET", false),
                "NONE", "RAIN_OR_STREAM", "SHARED_OR_BATTERY", new SurveyDocument.Vehicles(0, 0, 0, 0, 0, 0, 1),
                new SurveyDocument.Appliances(false, false, true, false, false),
                new SurveyDocument.Consent(true, "GUARDIAN", visited, List.of("SCREENING")),
                new SurveyDocument.Journey(new BigDecimal("4.50"), 30, "WALK"), new SurveyDocument.Certifier("นายสมบัติ ดีงาม", "ผู้ใหญ่บ้าน"));
    }

    /** The document with the mother's wages changed (a correction). */
    static SurveyDocument withMotherWages(SurveyDocument d, String wages) {
        List<SurveyDocument.Member> members = new ArrayList<>(d.members());
        SurveyDocument.Member m = members.get(1);
        members.set(1, new SurveyDocument.Member(m.relationship(), m.nationalId(), m.firstName(), m.lastName(), m.birthDate(), m.age(),
                m.sex(), m.gradeLevel(), m.disabled(), m.chronicallyIll(), m.unemployed(), m.studying(), m.guardian(),
                new SurveyDocument.Income(new BigDecimal(wages), m.income().farming(), m.income().business(), m.income().welfare(),
                        m.income().other())));
        return withMembers(d, members);
    }

    static SurveyDocument withMembers(SurveyDocument d, List<SurveyDocument.Member> members) {
        return new SurveyDocument(d.externalId(), d.term(), d.visitedOn(), d.orgUnitCode(), d.address(), d.location(), d.singleParent(),
                members, d.housing(), d.farmland(), d.drinkingWater(), d.electricity(), d.vehicles(), d.appliances(), d.consent(),
                d.journeyToSchool(), d.incomeCertifiedBy());
    }

    /** Returns a submitted visit to its teacher as the provincial review does: in its transaction, as the province. */
    void returnIt(long visitId, String reason) {
        actAs("province");
        assertThat(Boolean.TRUE.equals(tx.execute(s -> returned.returnToTeacher(visitId, reason)))).isTrue();
        actAs("teacher");
    }

    @Test
    void aStoredVisitReadsBackAsTheDocumentThatWasSubmitted() {
        actAs("teacher");
        SurveyDocument d = document(ROUND_TRIP, SurveyApiTests.newNationalId(), "3500.00");
        SurveyReceipt receipt = surveys.submit(d);
        assertThat(store.document(receipt.id())).contains(d);

        // replaced in place: the same visit, household and students, the new answers read back
        SurveyDocument corrected = withMotherWages(d, "1200.00");
        long household = jdbc.queryForObject("SELECT household_id FROM home_visit WHERE id = ?", Long.class, receipt.id());
        long version = jdbc.queryForObject("SELECT version FROM home_visit WHERE id = ?", Long.class, receipt.id());
        List<Long> childIds = new ArrayList<>();
        childIds.add(receipt.students().get(0).childId());
        childIds.add(null);
        childIds.add(null);
        Boolean stale = tx.execute(s -> store.replace(receipt.id(), version + 1, corrected, "SUBMITTED", childIds, List.of(),
                java.time.Instant.now()));
        assertThat(stale).as("a stale version changes nothing").isFalse();
        Boolean replaced = tx.execute(s -> store.replace(receipt.id(), version, corrected, "SUBMITTED", childIds, List.of(),
                java.time.Instant.now()));
        assertThat(replaced).isTrue();
        assertThat(store.document(receipt.id())).contains(corrected);
        assertThat(jdbc.queryForObject("SELECT household_id FROM home_visit WHERE id = ?", Long.class, receipt.id())).isEqualTo(household);
        assertThat(store.students(receipt.id())).isEqualTo(receipt.students());
    }

    @Test
    void aReturnedDraftVisitIsCorrectedInItsFormAndScreenedAgain() {
        actAs("teacher");
        String studentId = SurveyApiTests.newNationalId();
        // the child gets on the roll with a visit of an earlier term; this term's visit is made in the form
        SurveyReceipt first = surveys.submit(document(FIRST, studentId, "3500.00"));
        long childId = first.students().get(0).childId();
        VisitDrafts.Draft draft = drafts.open(childId, Term.parse(DRAFTS));
        SurveyDocument answers = document(DRAFTS, studentId, "3500.00");
        draft = drafts.save(draft.id(), draft.version(), answers);
        drafts.attachPhoto(draft.id(), PhotoKind.EXTERIOR, VisitPhotoApiTests.uniqueJpeg(childId * 31));
        drafts.attachPhoto(draft.id(), PhotoKind.INTERIOR, VisitPhotoApiTests.uniqueJpeg(childId * 37));
        SurveyReceipt submitted = drafts.submit(draft.id(), draft.version());
        long visitId = submitted.id();
        long firstResult = jdbc.queryForObject("SELECT result_id FROM screening_current WHERE visit_id = ?", Long.class, visitId);

        returnIt(visitId, "รายได้ของมารดาไม่ตรงกับหนังสือรับรอง");
        assertThat(returned.inbox()).filteredOn(r -> r.visitId() == visitId).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("รายได้ของมารดาไม่ตรงกับหนังสือรับรอง");
            assertThat(r.returnedBy()).isNotBlank();
            assertThat(r.returnedAt()).isNotNull();
            assertThat(r.students()).extracting(ReturnedVisits.Student::childId).containsExactly(childId);
        });
        assertThat(returned.count()).isPositive();
        assertThat(returned.outcomes(List.of(childId), DRAFTS)).containsEntry(childId,
                new ReviewOutcomes.Outcome("RETURNED", "รายได้ของมารดาไม่ตรงกับหนังสือรับรอง"));

        // "correct" reopens the draft that submitted the visit, with the visit's answers and photos
        VisitDrafts.Draft correction = drafts.openCorrection(visitId);
        assertThat(correction.id()).isEqualTo(draft.id());
        assertThat(correction.correction()).isTrue();
        assertThat(correction.document().members().get(1).income().wages()).isEqualByComparingTo("3500");
        assertThat(drafts.returnNote(correction)).hasValueSatisfying(n -> assertThat(n.reason()).contains("มารดา"));
        assertThat(drafts.missing(correction)).as("the visit's photos count").isEmpty();

        VisitDrafts.Draft saved = drafts.save(correction.id(), correction.version(), withMotherWages(correction.document(), "1200.00"));
        SurveyReceipt again = drafts.submit(saved.id(), saved.version());
        assertThat(again.id()).isEqualTo(visitId);
        assertThat(again.status()).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, visitId)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("""
                SELECT m.income_wages FROM household_member m WHERE m.visit_id = ? AND m.relationship = 'MOTHER'""", BigDecimal.class,
                visitId)).isEqualByComparingTo("1200");
        Map<String, Object> current = jdbc.queryForMap("""
                SELECT r.id, r.cause FROM screening_current c JOIN screening_result r ON r.id = c.result_id WHERE c.visit_id = ?""", visitId);
        assertThat(current.get("cause")).isEqualTo("RESUBMITTED");
        assertThat(((Number) current.get("id")).longValue()).isNotEqualTo(firstResult);
        assertThat(jdbc.queryForObject("""
                SELECT document -> 'members' -> 1 -> 'income' ->> 'wages' FROM home_visit_revision WHERE visit_id = ?""", String.class,
                visitId)).isEqualTo("3500.00");
        assertThat(events.stream(VisitResubmitted.class)).containsExactly(new VisitResubmitted(visitId, DRAFTS, List.of(childId)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_photo WHERE visit_id = ?", Integer.class, visitId)).isEqualTo(2);
        assertThat(drafts.get(saved.id()).submitted()).isTrue();
        assertThat(returned.inbox()).noneMatch(r -> r.visitId() == visitId);

        // a double submit is the same visit and screens nothing again; resubmitting a visit no longer returned is refused
        assertThat(drafts.submit(saved.id(), saved.version()).id()).isEqualTo(visitId);
        assertThatThrownBy(() -> returned.resubmit(visitId, withMotherWages(answers, "1100.00")))
                .isInstanceOfSatisfying(SurveyRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SurveyRejectedException.Reason.CONFLICT);
                    assertThat(e.problems()).extracting(FieldProblem::messageKey).containsExactly("survey.error.notReturned");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE visit_id = ? AND cause = 'RESUBMITTED'",
                Integer.class, visitId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit_revision WHERE visit_id = ?", Integer.class, visitId))
                .isEqualTo(1);
    }

    @Test
    void aReturnedApiVisitGetsACorrectionDraft() {
        actAs("teacher");
        SurveyDocument d = document(API, SurveyApiTests.newNationalId(), "3500.00");
        SurveyReceipt receipt = surveys.submit(d);
        long childId = receipt.students().get(0).childId();
        returnIt(receipt.id(), "ที่อยู่ไม่ถูกต้อง");

        VisitDrafts.Draft correction = drafts.openCorrection(receipt.id());
        assertThat(correction.childId()).isEqualTo(childId);
        assertThat(correction.visitId()).isEqualTo(receipt.id());
        assertThat(correction.externalId()).isEqualTo(d.externalId());
        assertThat(correction.document()).isEqualTo(d);
        assertThat(drafts.openCorrection(receipt.id()).id()).as("the same draft again").isEqualTo(correction.id());
        assertThat(drafts.missing(correction)).extracting(FieldProblem::field).containsExactly("photos");
        drafts.attachPhoto(correction.id(), PhotoKind.STUDENT_WITH_SCHOOL_SIGN, VisitPhotoApiTests.uniqueJpeg(childId * 41));
        VisitDrafts.Draft now = drafts.get(correction.id());
        SurveyReceipt again = drafts.submit(now.id(), now.version());
        assertThat(again.id()).isEqualTo(receipt.id());
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, receipt.id())).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_photo WHERE visit_id = ?", Integer.class, receipt.id())).isEqualTo(1);
        assertThat(events.stream(VisitResubmitted.class)).extracting(VisitResubmitted::visitId).containsExactly(receipt.id());
    }

    @Test
    void whatIsRefused() {
        actAs("teacher");
        String studentId = SurveyApiTests.newNationalId();
        SurveyDocument d = document(REFUSALS, studentId, "3500.00");
        SurveyReceipt receipt = surveys.submit(d);
        long visitId = receipt.id();

        // not returned
        assertThatThrownBy(() -> returned.resubmit(visitId, withMotherWages(d, "1000.00")))
                .isInstanceOfSatisfying(SurveyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SurveyRejectedException.Reason.CONFLICT));
        assertThatThrownBy(() -> drafts.openCorrection(visitId)).isInstanceOf(SurveyRejectedException.class);

        returnIt(visitId, "ขาดข้อมูลผู้รับรองรายได้");
        // other students
        List<SurveyDocument.Member> members = new ArrayList<>(d.members());
        SurveyDocument.Member s = members.get(0);
        members.set(0, new SurveyDocument.Member("STUDENT", SurveyApiTests.newNationalId(), s.firstName(), s.lastName(), s.birthDate(),
                s.age(), s.sex(), s.gradeLevel(), s.disabled(), s.chronicallyIll(), s.unemployed(), s.studying(), s.guardian(), s.income()));
        assertThatThrownBy(() -> returned.resubmit(visitId, withMembers(d, members)))
                .isInstanceOfSatisfying(SurveyRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SurveyRejectedException.Reason.INVALID);
                    assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::messageKey)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("members", "survey.error.studentsChanged"));
                });
        // incomplete
        SurveyDocument noCertifier = new SurveyDocument(d.externalId(), d.term(), d.visitedOn(), d.orgUnitCode(), d.address(),
                d.location(), d.singleParent(), d.members(), d.housing(), d.farmland(), d.drinkingWater(), d.electricity(), d.vehicles(),
                d.appliances(), d.consent(), d.journeyToSchool(), null);
        assertThatThrownBy(() -> returned.resubmit(visitId, noCertifier)).isInstanceOf(SurveyRejectedException.class);
        // another term
        assertThatThrownBy(() -> returned.resubmit(visitId, new SurveyDocument(d.externalId(), OTHER, "1942-06-20", d.orgUnitCode(),
                d.address(), d.location(), d.singleParent(), d.members(), d.housing(), d.farmland(), d.drinkingWater(), d.electricity(),
                d.vehicles(), d.appliances(), d.consent(), d.journeyToSchool(), d.incomeCertifiedBy())))
                .isInstanceOfSatisfying(SurveyRejectedException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).contains("term"));
        // a stale version
        long version = jdbc.queryForObject("SELECT version FROM home_visit WHERE id = ?", Long.class, visitId);
        assertThatThrownBy(() -> returned.resubmit(visitId, version - 1, withMotherWages(d, "1000.00")))
                .isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);

        // another school's teacher, the province
        actAs("teacher2");
        assertThatThrownBy(() -> returned.resubmit(visitId, withMotherWages(d, "1000.00")))
                .isInstanceOfSatisfying(SurveyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SurveyRejectedException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> drafts.openCorrection(visitId)).isInstanceOf(AccessDeniedException.class);
        assertThat(returned.inbox()).noneMatch(r -> r.visitId() == visitId);
        actAs("province");
        assertThatThrownBy(() -> returned.resubmit(visitId, withMotherWages(d, "1000.00"))).isInstanceOf(AccessDeniedException.class);

        // nothing was recorded
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, visitId)).isEqualTo("RETURNED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit_revision WHERE visit_id = ?", Integer.class, visitId)).isZero();
        assertThat(events.stream(VisitResubmitted.class)).isEmpty();

        // and the teacher's correction then goes through
        actAs("teacher");
        assertThat(returned.resubmit(visitId, version, withMotherWages(d, "1000.00")).status()).isEqualTo("SUBMITTED");
    }
}
