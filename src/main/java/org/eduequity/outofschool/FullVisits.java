package org.eduequity.outofschool;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.Child;
import org.eduequity.survey.Children;
import org.eduequity.survey.Sex;
import org.eduequity.survey.VisitDrafts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The full home visit of a found child (ADR 0011): the household part is the home-visit survey of the survey module,
 * made on a child record — the found child on the roll of its subdistrict's (else district's) non-formal-education
 * centre, status OUT_OF_SCHOOL, found in the record's subdistrict — that the found record links to. The area worker
 * (or the centre's teacher) who may see the found child makes the visit; its poverty screening then shows on the case's
 * timeline like any child's.
 */
@Service
@Transactional
public class FullVisits {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final JdbcTemplate jdbc;
    private final FoundChildren found;
    private final Children children;
    private final VisitDrafts drafts;
    private final AuditLog audit;
    private final Clock clock;

    FullVisits(JdbcTemplate jdbc, FoundChildren found, Children children, VisitDrafts drafts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.found = found;
        this.children = children;
        this.drafts = drafts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The found child's record for visits and its visits, when a full visit was started. */
    public record State(long childId, List<VisitDrafts.TermVisit> visits) {

        /** Whether a draft or visit of the term exists (the page then offers "continue", not "start"). */
        public boolean hasTerm(String term) {
            return visits.stream().anyMatch(v -> v.term().equals(term));
        }
    }

    /** The term a full visit started today is of. */
    public String currentTerm() {
        return Term.containing(LocalDate.now(clock.withZone(BANGKOK))).toString();
    }

    /**
     * Starts (or continues) the found child's full home visit of the current term: the child record is made or linked,
     * and the term's draft opened. Refused ({@link FindingRejectedException}, field {@code visit}) for a record that is a
     * duplicate or in school, one without a national id or G-code, a child on a current roll, or a district without a
     * non-formal-education centre. Returns the draft's id.
     */
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'ADMIN')")
    public long open(long foundChildId) {
        FoundChildren.FoundChild f = found.get(foundChildId);
        if (f.status() == FoundStatus.DUPLICATE || f.status() == FoundStatus.IN_SCHOOL) {
            throw refused("finding.visit.error.status");
        }
        if (f.nationalId() == null) {
            throw refused("finding.visit.error.noId");
        }
        // one start at a time per found record: a double click links the same child
        Long linked = jdbc.queryForObject("SELECT child_id FROM found_child WHERE id = ? FOR UPDATE", Long.class, foundChildId);
        Child child;
        try {
            child = children.recordFoundOutOfSchool(new Children.FoundOutOfSchool(NationalId.of(f.nationalId()), f.firstName(),
                    f.lastName(), f.birthDate(), "FEMALE".equals(f.sex()) ? Sex.FEMALE : Sex.MALE, f.subdistrictCode()));
        } catch (Children.NotVisitableException e) {
            throw refused(e.getMessageKey());
        }
        if (linked == null || linked != child.getId()) {
            jdbc.update("UPDATE found_child SET child_id = ? WHERE id = ?", child.getId(), foundChildId);
            audit.record(AuditAction.UPDATE, "FoundChild", foundChildId, "full home visit on child " + child.getId());
        }
        return drafts.open(child.getId(), Term.parse(currentTerm())).id();
    }

    /** The found child's full visits, if one was started (the caller's right to the found child is checked). */
    @Transactional(readOnly = true)
    public Optional<State> of(long foundChildId) {
        found.get(foundChildId);
        Long childId = jdbc.queryForObject("SELECT child_id FROM found_child WHERE id = ?", Long.class, foundChildId);
        if (childId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new State(childId, drafts.visitsOf(childId)));
        } catch (org.springframework.security.access.AccessDeniedException e) {
            // the child went back to school (on a roll the caller does not reach): its visits are the school's now
            return Optional.empty();
        }
    }

    /**
     * The found record (within the caller's area, not a duplicate first) whose full visits are made on this child; refused
     * when the child has found records but none in the caller's area.
     */
    @Transactional(readOnly = true)
    public long foundChildOf(long childId) {
        List<Long> ids = jdbc.queryForList("""
                SELECT id FROM found_child WHERE child_id = ? ORDER BY (status = 'DUPLICATE'), id DESC""", Long.class, childId);
        for (Long id : ids) {
            try {
                return found.get(id).id();
            } catch (org.springframework.security.access.AccessDeniedException e) {
                // another subdistrict's record of the same child: look further
            }
        }
        if (!ids.isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException("found child of child " + childId + " outside the area");
        }
        throw new NotFoundException("found child of child " + childId);
    }

    private static FindingRejectedException refused(String key) {
        return new FindingRejectedException(FindingRejectedException.Reason.CONFLICT, List.of(new org.eduequity.survey.FieldProblem("visit", key, List.of())));
    }
}
