package org.eduequity.disbursement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.Money;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each child's payments: every line planned for the child, with the append-only ledger entries that record what
 * happened to it (planned, approved; later paid, failed, and reversals with their reason). Readable by whoever may
 * see the child.
 */
@Service
@Transactional(readOnly = true)
public class Ledger {

    private final JdbcTemplate jdbc;
    private final CurrentArea area;

    Ledger(JdbcTemplate jdbc, CurrentArea area) {
        this.jdbc = jdbc;
        this.area = area;
    }

    /** One ledger entry. */
    public record Entry(long id, String kind, Money amount, String reason, Long reverses, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** One payment line of the child with its entries (oldest first) and its reversals. */
    public record Payment(long lineId, String lineRef, String programmeCode, String term, long roundId, RoundStatus roundStatus,
                          String payeeType, Money amount, LineStatus status, List<Entry> entries) {

        public List<Entry> reversals() {
            return entries.stream().filter(e -> "REVERSAL".equals(e.kind())).toList();
        }
    }

    /** The child's payments, newest line first; 404 for an unknown child, 403 outside the caller's area. */
    public List<Payment> ofChild(String nationalId) {
        String id = NationalId.of(nationalId).value();
        Map<String, Object> child = jdbc.queryForList("SELECT id, org_unit_id, province_code FROM child WHERE national_id = ?", id)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("child " + id));
        area.requireOrgUnit(((Number) child.get("org_unit_id")).longValue(), (String) child.get("province_code"));
        long childId = ((Number) child.get("id")).longValue();
        Map<Long, List<Entry>> entries = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM ledger_entry WHERE child_id = ? ORDER BY id", rs -> {
            Long reverses = rs.getObject("reverses", Long.class);
            entries.computeIfAbsent(rs.getLong("line_id"), k -> new ArrayList<>()).add(new Entry(rs.getLong("id"), rs.getString("kind"),
                    Money.baht(rs.getBigDecimal("amount")), rs.getString("reason"), reverses,
                    rs.getString("recorded_by"), rs.getObject("recorded_at", OffsetDateTime.class)));
        }, childId);
        return jdbc.query("""
                SELECT l.id, l.round_id, l.programme_code, l.term, r.status AS round_status, l.payee_type, l.amount, l.status
                FROM payment_line l JOIN payment_round r ON r.id = l.round_id
                WHERE l.child_id = ? ORDER BY l.id DESC""", (rs, i) -> new Payment(rs.getLong(1),
                PaymentRounds.lineRef(rs.getLong(2), rs.getLong(1)), rs.getString(3), rs.getString(4), rs.getLong(2),
                RoundStatus.valueOf(rs.getString(5)), rs.getString(6), Money.baht(rs.getBigDecimal(7)), LineStatus.valueOf(rs.getString(8)),
                List.copyOf(entries.getOrDefault(rs.getLong(1), List.of()))), childId);
    }

    /** At most this many lines on the teacher's page. */
    public static final int MAX_CHILD_LINES = 1000;

    /** A payment line of a child in the caller's area, as a teacher sees it. */
    public record ChildLine(String nationalId, String firstName, String lastName, String programmeCode, String programmeNameTh,
                            String programmeNameEn, String term, String lineRef, Money amount, LineStatus status, java.time.LocalDate bankDate,
                            boolean reversed) {

        /** The programme's name in the language (Thai unless English). */
        public String programmeName(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) ? programmeNameEn : programmeNameTh;
        }
    }

    /**
     * The payment lines of the term of the children in the caller's area (a teacher's own children: those of their
     * school), by child name; at most {@link #MAX_CHILD_LINES}.
     */
    public List<ChildLine> ofChildrenInArea(String term) {
        var scope = area.scope().sql("c.province_code", "c.org_unit_id");
        List<Object> args = new ArrayList<>(scope.args());
        args.add(term);
        args.add(MAX_CHILD_LINES);
        return jdbc.query("""
                SELECT c.national_id, c.first_name, c.last_name, l.programme_code, p.name_th, p.name_en, l.term, l.round_id, l.id, l.amount,
                       l.status, l.bank_date, EXISTS (SELECT 1 FROM ledger_entry e WHERE e.line_id = l.id AND e.kind = 'REVERSAL') AS reversed
                FROM payment_line l JOIN child c ON c.id = l.child_id JOIN programme p ON p.code = l.programme_code
                WHERE %s AND l.term = ?
                ORDER BY c.first_name, c.last_name, c.national_id, l.id LIMIT ?""".formatted(scope.sql()),
                (rs, i) -> new ChildLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), PaymentRounds.lineRef(rs.getLong(8), rs.getLong(9)), Money.baht(rs.getBigDecimal(10)),
                        LineStatus.valueOf(rs.getString(11)), rs.getObject(12, java.time.LocalDate.class), rs.getBoolean(13)), args.toArray());
    }
}
