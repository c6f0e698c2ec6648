package org.eduequity.disbursement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.outofschool.CasePayments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case's payments (the ledger of a case): its OOS_YOUTH lines, oldest first, each with its append-only ledger entries
 * (planned, approved, paid, failed, reversals). Read by the out-of-school module for the case's timeline and its
 * payments API, after it has checked that the caller may see the case.
 */
@Service
@Transactional(readOnly = true)
class CaseLedger implements CasePayments {

    private final JdbcTemplate jdbc;

    CaseLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Line> ofCase(long caseId) {
        Map<Long, List<Entry>> entries = new LinkedHashMap<>();
        jdbc.query("""
                SELECT e.line_id, e.kind, e.amount, e.reason, e.recorded_by, e.recorded_at
                FROM payment_line l JOIN ledger_entry e ON e.line_id = l.id WHERE l.case_id = ? ORDER BY e.id""", rs -> {
            entries.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Entry(rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                    rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
        }, caseId);
        return jdbc.query("""
                SELECT l.id, l.round_id, l.programme_code, l.term, l.payee_type, l.payee_name, l.amount, l.status
                FROM payment_line l WHERE l.case_id = ? ORDER BY l.id""", (rs, i) -> new Line(PaymentRounds.lineRef(rs.getLong(2), rs.getLong(1)),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8),
                List.copyOf(entries.getOrDefault(rs.getLong(1), List.of()))), caseId);
    }
}
