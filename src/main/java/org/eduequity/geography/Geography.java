package org.eduequity.geography;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** Read access to the administrative divisions. */
@Service
public class Geography {

    private static final RowMapper<Province> PROVINCE = (rs, i) -> new Province(rs.getString("code"),
            rs.getString("name_th"), rs.getString("name_en"), rs.getInt("region_id"));
    private static final RowMapper<District> DISTRICT = (rs, i) -> new District(rs.getString("code"),
            rs.getString("province_code"), rs.getString("name_th"), rs.getString("name_en"));
    private static final RowMapper<Subdistrict> SUBDISTRICT = (rs, i) -> new Subdistrict(rs.getString("code"),
            rs.getString("district_code"), rs.getString("province_code"), rs.getString("name_th"),
            rs.getString("name_en"), rs.getString("postcode"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"));

    private final JdbcTemplate jdbc;

    /**
     * Every subdistrict by code, read once on first use: the divisions are reference data that only migrations
     * write (V3), so they cannot change while the application runs. Validating a survey then costs no query.
     */
    private volatile Map<String, Subdistrict> subdistrictsByCode;

    Geography(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private Map<String, Subdistrict> subdistrictsByCode() {
        Map<String, Subdistrict> byCode = subdistrictsByCode;
        if (byCode == null) {
            Map<String, Subdistrict> loaded = new HashMap<>();
            jdbc.query("SELECT * FROM subdistrict", SUBDISTRICT).forEach(s -> loaded.put(s.code(), s));
            byCode = Map.copyOf(loaded);
            subdistrictsByCode = byCode;
        }
        return byCode;
    }

    public List<Province> provinces() {
        return jdbc.query("SELECT * FROM province ORDER BY name_th", PROVINCE);
    }

    public Optional<Province> province(String code) {
        return jdbc.query("SELECT * FROM province WHERE code = ?", PROVINCE, code).stream().findFirst();
    }

    public List<District> districts(String provinceCode) {
        return jdbc.query("SELECT * FROM district WHERE province_code = ? ORDER BY code", DISTRICT, provinceCode);
    }

    public Optional<District> district(String code) {
        return jdbc.query("SELECT * FROM district WHERE code = ?", DISTRICT, code).stream().findFirst();
    }

    public List<Subdistrict> subdistricts(String districtCode) {
        return jdbc.query("SELECT * FROM subdistrict WHERE district_code = ? ORDER BY code", SUBDISTRICT, districtCode);
    }

    /** Every subdistrict code, for checking many codes at once (e.g. an import). */
    public Set<String> subdistrictCodes() {
        return subdistrictsByCode().keySet();
    }

    public Optional<Subdistrict> subdistrict(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(subdistrictsByCode().get(code));
    }

    /** A province. */
    public record Province(String code, String nameTh, String nameEn, int regionId) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameTh;
        }
    }

    /** A district (อำเภอ / เขต). */
    public record District(String code, String provinceCode, String nameTh, String nameEn) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameTh;
        }
    }

    /** A subdistrict (ตำบล / แขวง) with its postcode and, where known, its centroid. */
    public record Subdistrict(String code, String districtCode, String provinceCode, String nameTh, String nameEn,
                              String postcode, BigDecimal latitude, BigDecimal longitude) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameTh;
        }
    }
}
