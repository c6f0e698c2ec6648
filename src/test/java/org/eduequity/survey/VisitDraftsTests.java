package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The teachers' draft → submit flow: saved any time, complete before submit, one visit per double submit. */
@IntegrationTest
class VisitDraftsTests {

    @Autowired
    VisitDrafts drafts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserDetailsService users;

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private long aChildOfTeachersSchool(int offset) {
        return jdbc.queryForObject("""
                SELECT c.id FROM child c JOIN org_unit u ON u.id = c.org_unit_id WHERE u.code = '1040010001'
                AND NOT EXISTS (SELECT 1 FROM visit_draft d WHERE d.child_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM visit_student vs WHERE vs.child_id = c.id) ORDER BY c.id OFFSET ? LIMIT 1""", Long.class, offset);
    }

    /** The draft's document with every section answered. */
    static SurveyDocument complete(SurveyDocument d) {
        SurveyDocument.Member student = d.members().get(0);
        SurveyDocument.Member mother = new SurveyDocument.Member("MOTHER", null, "สมใจ", "ใจดี", null, 35, "F", null, null, null,
                null, null, true, new SurveyDocument.Income(new BigDecimal("3500"), null, null, null, null));
        return new SurveyDocument(d.externalId(), d.term(), "2026-06-20", d.orgUnitCode(),
                new SurveyDocument.Address("12", 3, d.address().subdistrictCode(), "40000"),
                new SurveyDocument.Location(new BigDecimal("16.537"), new BigDecimal("102.837")), true, List.of(student, mother),
                new SurveyDocument.Housing("OWN", "CEMENT", "BRICK_BLOCK", "METAL", true), "NONE", "TAP", "METER",
                new SurveyDocument.Vehicles(0, 0, 0, 0, 0, 0, 1), new SurveyDocument.Appliances(false, false, true, false, true),
                new SurveyDocument.Consent(true, "GUARDIAN", "2026-06-20", List.of("SCREENING")),
                new SurveyDocument.Journey(new BigDecimal("2.5"), 15, "BICYCLE"), new SurveyDocument.Certifier("นายสมบัติ ดีงาม", "ผู้ใหญ่บ้าน"));
    }

    @Test
    void aDraftIsSavedIncompleteThenSubmittedOnceWhenComplete() {
        actAs("teacher");
        long child = aChildOfTeachersSchool(0);
        VisitDrafts.Draft draft = drafts.open(child, Term.parse("2569/1"));
        assertThat(drafts.open(child, Term.parse("2569/1")).id()).as("one draft per child and term").isEqualTo(draft.id());
        assertThat(draft.document().members()).hasSize(1);
        assertThat(draft.document().members().get(0).relationship()).isEqualTo("STUDENT");

        // an incomplete draft saves; what is missing is listed
        VisitDrafts.Draft saved = drafts.save(draft.id(), draft.version(), draft.document());
        assertThat(saved.version()).isEqualTo(draft.version() + 1);
        assertThat(drafts.missing(saved)).extracting(FieldProblem::field).contains("location", "housing.tenure", "photos",
                "incomeCertifiedBy.name", "visitedOn");

        // a malformed field is refused even in a draft, and nothing changes
        SurveyDocument bad = complete(saved.document());
        SurveyDocument badIncome = new SurveyDocument(bad.externalId(), bad.term(), bad.visitedOn(), bad.orgUnitCode(), bad.address(),
                bad.location(), bad.singleParent(), List.of(bad.members().get(0), new SurveyDocument.Member("MOTHER", null, "สมใจ",
                "ใจดี", null, 35, "F", null, null, null, null, null, null, new SurveyDocument.Income(new BigDecimal("-1"), null, null,
                null, null))), bad.housing(), bad.farmland(), bad.drinkingWater(), bad.electricity(), bad.vehicles(), bad.appliances(),
                bad.consent(), bad.journeyToSchool(), bad.incomeCertifiedBy());
        assertThatThrownBy(() -> drafts.save(saved.id(), saved.version(), badIncome))
                .isInstanceOfSatisfying(SurveyRejectedException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("members[1].income.wages"));

        // a stale version is a conflict, never a silent overwrite
        VisitDrafts.Draft full = drafts.save(saved.id(), saved.version(), complete(saved.document()));
        assertThatThrownBy(() -> drafts.save(saved.id(), saved.version(), complete(saved.document())))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);

        // photos are required before submit
        assertThat(drafts.missing(full)).extracting(FieldProblem::field).containsExactly("photos");
        assertThatThrownBy(() -> drafts.submit(full.id(), full.version())).isInstanceOf(SurveyRejectedException.class);
        drafts.attachPhoto(full.id(), PhotoKind.EXTERIOR, VisitPhotoApiTests.uniqueJpeg(full.id() * 13));
        drafts.attachPhoto(full.id(), PhotoKind.INTERIOR, VisitPhotoApiTests.uniqueJpeg(full.id() * 17));
        assertThat(drafts.missing(drafts.get(full.id()))).isEmpty();

        SurveyReceipt receipt = drafts.submit(full.id(), full.version());
        assertThat(receipt.status()).isEqualTo("SUBMITTED");
        SurveyReceipt again = drafts.submit(full.id(), full.version());
        assertThat(again.id()).as("a double submit is the same visit").isEqualTo(receipt.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_student WHERE child_id = ? AND term = '2569/1'", Integer.class, child))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_photo WHERE visit_id = ?", Integer.class, receipt.id())).isEqualTo(2);
        assertThat(drafts.get(full.id()).submitted()).isTrue();
        assertThatThrownBy(() -> drafts.save(full.id(), drafts.get(full.id()).version(), complete(full.document())))
                .isInstanceOf(SurveyRejectedException.class);
    }

    @Test
    void anotherSchoolsTeacherCannotOpenOrReadTheDraft() {
        actAs("teacher");
        long child = aChildOfTeachersSchool(1);
        VisitDrafts.Draft draft = drafts.open(child, Term.parse("2569/1"));
        actAs("teacher2");
        assertThatThrownBy(() -> drafts.open(child, Term.parse("2569/1"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> drafts.get(draft.id())).isInstanceOf(AccessDeniedException.class);
        actAs("province");
        assertThat(drafts.get(draft.id()).id()).isEqualTo(draft.id());
        assertThatThrownBy(() -> drafts.save(draft.id(), draft.version(), draft.document())).isInstanceOf(AccessDeniedException.class);
    }
}
