package org.eduequity.studentcare;

import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A student's risk as the people who care for them read it; every read is audited. */
@Service
public class StudentRisks {

    private final CareRecords records;
    private final RiskEvaluation evaluation;
    private final AuditLog audit;

    StudentRisks(CareRecords records, RiskEvaluation evaluation, AuditLog audit) {
        this.records = records;
        this.evaluation = evaluation;
        this.audit = audit;
    }

    /** The student, in the caller's area, and their risk in the term (empty when no care rule set covers the term). */
    public record StudentRisk(CareRecords.Student student, String term, Optional<RiskResult> result) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public StudentRisk ofNationalId(String nationalId, String term) {
        java.util.List<CareProblem> problems = new java.util.ArrayList<>();
        String t = CareRecords.term(term, "term", problems);
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        return read(records.student(nationalId, "nationalId"), t);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public StudentRisk ofChild(long childId, String term) {
        return read(records.studentById(childId), term);
    }

    private StudentRisk read(CareRecords.Student s, String term) {
        audit.record(AuditAction.READ, "CareRisk", s.id(), "risk " + term);
        return new StudentRisk(s, term, evaluation.currentOrEvaluated(s.id(), term));
    }
}
