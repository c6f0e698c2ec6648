package org.eduequity.disbursement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eduequity.shared.Money;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A round's figures per province, per district and per organisation unit (children, lines, amount, paid and failed
 * lines), counted in the database from the round's lines: the round page's table by province and the PDF summary of a
 * province read them from here, so they are the same figures. A district is the unit's district.
 */
@Service
@Transactional(readOnly = true)
public class RoundSummaries {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final PaymentRounds rounds;

    RoundSummaries(JdbcTemplate jdbc, PaymentRounds rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    /** Children (distinct), lines, their amount (every status), and how many lines are paid and failed. */
    public record Figures(long children, long lines, Money amount, long paid, long failed) {
    }

    /** A province, district or unit of the round with its figures ({@code districtCode} only for a unit). */
    public record Row(String code, String nameTh, String nameEn, String districtCode, Figures figures) {
    }

    /** A province's summary: its figures in all and by district (units come through {@link #eachUnit}). */
    public record ProvinceSummary(PaymentRounds.Round round, Row province, List<Row> districts) {
    }

    private static final String FIGURES = """
            count(DISTINCT l.child_id) + count(DISTINCT l.case_id) AS children, count(*) AS lines, COALESCE(sum(l.amount), 0) AS amount,
            count(*) FILTER (WHERE l.status = 'PAID') AS paid, count(*) FILTER (WHERE l.status = 'FAILED') AS failed""";

    private static Figures figures(ResultSet rs) throws SQLException {
        return new Figures(rs.getLong("children"), rs.getLong("lines"), Money.baht(rs.getBigDecimal("amount")), rs.getLong("paid"),
                rs.getLong("failed"));
    }

    /** Each province of the round with its figures, in province code order. */
    @PreAuthorize("hasRole('FUND')")
    public List<Row> provinces(long roundId) {
        rounds.get(roundId);
        return jdbc.query("""
                SELECT p.code, p.name_th, p.name_en, %s
                FROM payment_line l JOIN province p ON p.code = l.province_code
                WHERE l.round_id = ? GROUP BY p.code, p.name_th, p.name_en ORDER BY p.code""".formatted(FIGURES),
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), null, figures(rs)), roundId);
    }

    /** The province's figures in the round, in all and by district (in district code order); 404 when it has no line. */
    @PreAuthorize("hasRole('FUND')")
    public ProvinceSummary province(long roundId, String provinceCode) {
        PaymentRounds.Round round = rounds.get(roundId);
        List<Row> districts = new ArrayList<>();
        Row[] province = {null};
        jdbc.query("""
                SELECT d.code, d.name_th, d.name_en, GROUPING(d.code) AS whole, %s
                FROM payment_line l LEFT JOIN org_unit u ON u.id = l.org_unit_id
                LEFT JOIN oos_case_certification_entry ce ON ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                JOIN district d ON d.code = COALESCE(u.district_code, left(ce.subdistrict_code, 4))
                WHERE l.round_id = ? AND l.province_code = ?
                GROUP BY GROUPING SETS ((d.code, d.name_th, d.name_en), ()) ORDER BY GROUPING(d.code), d.code""".formatted(FIGURES), rs -> {
            if (rs.getInt("whole") == 1) {
                province[0] = new Row(provinceCode, null, null, null, figures(rs));
            } else {
                districts.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), null, figures(rs)));
            }
        }, roundId, provinceCode);
        if (province[0] == null || province[0].figures().lines() == 0) {
            throw new NotFoundException("province " + provinceCode + " in payment round " + roundId);
        }
        var names = jdbc.queryForMap("SELECT name_th, name_en FROM province WHERE code = ?", provinceCode);
        Row whole = new Row(provinceCode, (String) names.get("name_th"), (String) names.get("name_en"), null, province[0].figures());
        return new ProvinceSummary(round, whole, districts);
    }

    /** Each organisation unit of the province in the round with its figures, by district and unit code, streamed. */
    @PreAuthorize("hasRole('FUND')")
    public void eachUnit(long roundId, String provinceCode, Consumer<Row> each) {
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT COALESCE(u.code, pv.code) AS code, COALESCE(u.name_th, pv.name_th) AS name_th,
                           COALESCE(u.name_en, pv.name_en, pv.name_th) AS name_en,
                           COALESCE(u.district_code, left(ce.subdistrict_code, 4)) AS district_code, %s
                    FROM payment_line l LEFT JOIN org_unit u ON u.id = l.org_unit_id
                    LEFT JOIN oos_case_certification_entry ce ON ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                    LEFT JOIN provider pv ON pv.code = ce.provider_code
                    WHERE l.round_id = ? AND l.province_code = ?
                    GROUP BY 4, 1, 2, 3 ORDER BY 4, 1""".formatted(FIGURES));
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, roundId);
            ps.setString(2, provinceCode);
            return ps;
        }, (ResultSet rs) -> {
            each.accept(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), figures(rs)));
        });
    }
}
