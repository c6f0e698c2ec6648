package org.eduequity.disbursement;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eduequity.shared.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The fund's programmes, seeded by migration: amounts, rules, classes and payees are data. */
@Service
@Transactional(readOnly = true)
public class Programmes {

    private final JdbcTemplate jdbc;

    Programmes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every programme in its order, with its shares. */
    @PreAuthorize("hasRole('FUND')")
    public List<Programme> all() {
        return load(null);
    }

    /** One programme by its code. */
    public Optional<Programme> byCode(String code) {
        return load(code).stream().findFirst();
    }

    private List<Programme> load(String code) {
        Map<String, List<Programme.Share>> shares = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM programme_share WHERE (?::text IS NULL OR programme_code = ?) ORDER BY programme_code, position", rs -> {
            shares.computeIfAbsent(rs.getString("programme_code"), k -> new ArrayList<>()).add(new Programme.Share(rs.getString("payee_type"),
                    Money.baht(rs.getBigDecimal("amount")), rs.getString("purpose_th"), rs.getString("purpose_en")));
        }, code, code);
        return jdbc.query("SELECT * FROM programme WHERE (?::text IS NULL OR code = ?) ORDER BY position, code", (rs, i) -> new Programme(
                rs.getString("code"), rs.getString("name_th"), rs.getString("name_en"), rs.getString("target_group"),
                rs.getString("amount_rule"), Money.baht(rs.getBigDecimal("amount")), rs.getString("payee_type"),
                strings(rs.getArray("eligible_classes")), strings(rs.getArray("org_unit_types")), rs.getBoolean("active"),
                List.copyOf(shares.getOrDefault(rs.getString("code"), List.of()))), code, code);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
