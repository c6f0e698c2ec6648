package org.eduequity.disbursement;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each province's budget of a programme and term against what its payment lines use: planned, approved or paid
 * lines use the budget; failed and cancelled ones give it back. One aggregate over the term's lines.
 */
@Service
public class BudgetDashboard {

    private final JdbcTemplate jdbc;

    BudgetDashboard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A province's line: its budget (null when none is set), what is used, and of that what is paid. */
    public record Row(String provinceCode, BigDecimal budget, BigDecimal used, BigDecimal paid) {

        /** What is left (negative when over budget; null without a budget). */
        public BigDecimal remaining() {
            return budget == null ? null : budget.subtract(used);
        }

        /** Used as a share of the budget, 0–100 for the chart (100 when over, or without a budget but with use). */
        public int usedPercent() {
            return percent(used);
        }

        /** Paid as a share of the budget, 0–100 for the chart. */
        public int paidPercent() {
            return percent(paid);
        }

        public boolean over() {
            return budget != null && used.compareTo(budget) > 0;
        }

        private int percent(BigDecimal part) {
            if (budget == null || budget.signum() == 0) {
                return part.signum() > 0 ? 100 : 0;
            }
            return Math.min(100, part.multiply(BigDecimal.valueOf(100)).divide(budget, 0, java.math.RoundingMode.HALF_UP).intValue());
        }
    }

    /** The provinces with a budget or lines for the programme and term, by province code. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('FUND')")
    public List<Row> of(String programmeCode, String term) {
        return jdbc.query("""
                SELECT p.code, b.amount AS budget, COALESCE(u.used, 0) AS used, COALESCE(u.paid, 0) AS paid
                FROM province p
                LEFT JOIN programme_budget b ON b.province_code = p.code AND b.programme_code = ? AND b.term = ?
                LEFT JOIN (SELECT province_code, sum(amount) FILTER (WHERE status NOT IN ('FAILED', 'CANCELLED')) AS used,
                                  sum(amount) FILTER (WHERE status = 'PAID') AS paid
                           FROM payment_line WHERE programme_code = ? AND term = ? GROUP BY province_code) u ON u.province_code = p.code
                WHERE b.amount IS NOT NULL OR u.used IS NOT NULL OR u.paid IS NOT NULL
                ORDER BY p.code""", (rs, i) -> new Row(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
                programmeCode, term, programmeCode, term);
    }
}
