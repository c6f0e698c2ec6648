package org.eduequity.screening;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the screened lists (the provincial review's list, review module) choose from: the terms and provinces with
 * current results, and a province's organisation units. Each question is answered from the narrow
 * {@code screening_current} table and its list index {@code (province_code, term, classification)}.
 */
@Service
@Transactional(readOnly = true)
public class ScreenedLists {

    private final JdbcTemplate jdbc;

    ScreenedLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A code and its names, for the filter choices. */
    public record Choice(String code, String nameTh, String nameEn) {

        /** The English name for English, otherwise the Thai one. */
        public String nameOf(java.util.Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameTh;
        }
    }

    /** The latest term with current results in the province (any province when null). */
    public Optional<String> latestTerm(String provinceCode) {
        if (provinceCode != null) {
            return Optional.ofNullable(jdbc.queryForObject(
                    "SELECT max(term) FROM screening_current WHERE province_code = ?", String.class, provinceCode));
        }
        // one probe of the list index per province rather than a scan of every result
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT max(t.term) FROM province p
                CROSS JOIN LATERAL (SELECT max(r.term) AS term FROM screening_current r WHERE r.province_code = p.code) t""",
                String.class));
    }

    /** The first province (by code) with current results in the term. */
    public Optional<String> firstProvinceWithResults(String term) {
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT min(p.code) FROM province p
                WHERE EXISTS (SELECT 1 FROM screening_current r WHERE r.province_code = p.code AND r.term = ?)""",
                String.class, term));
    }

    /** The terms with current results in the province, newest first. */
    public List<String> terms(String provinceCode) {
        return jdbc.queryForList("""
                WITH RECURSIVE t(term) AS (
                  SELECT max(term) FROM screening_current WHERE province_code = ?
                  UNION ALL
                  SELECT (SELECT max(r.term) FROM screening_current r WHERE r.province_code = ? AND r.term < t.term)
                  FROM t WHERE t.term IS NOT NULL
                )
                SELECT term FROM t WHERE term IS NOT NULL""", String.class, provinceCode, provinceCode);
    }

    /** The active organisation units of the province, of one district when given. */
    public List<Choice> orgUnits(String provinceCode, String districtCode) {
        return jdbc.query("""
                SELECT code, name_th, COALESCE(name_en, name_th) AS name_en FROM org_unit
                WHERE province_code = ? AND (?::varchar IS NULL OR district_code = ?) AND active ORDER BY code""",
                (rs, i) -> choice(rs), provinceCode, districtCode, districtCode);
    }

    private static Choice choice(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Choice(rs.getString(1), rs.getString(2), rs.getString(3));
    }
}
