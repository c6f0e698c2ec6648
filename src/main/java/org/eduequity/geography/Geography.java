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
     * Every province, district and subdistrict, read once on first use: the divisions are reference data that only
     * migrations write (V3), so they cannot change while the application runs. Validating a survey, or drawing a list's
     * filters on every page, then costs no query.
     */
    private volatile Divisions divisions;

    /** The divisions in the orders the screens show them (provinces by Thai name, districts and subdistricts by code). */
    private record Divisions(List<Province> provinces, Map<String, Province> provinceByCode, Map<String, List<District>> districtsByProvince,
                             Map<String, District> districtByCode, Map<String, List<Subdistrict>> subdistrictsByDistrict,
                             Map<String, Subdistrict> subdistrictByCode) {
    }

    Geography(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private Divisions divisions() {
        Divisions d = divisions;
        if (d == null) {
            List<Province> provinces = jdbc.query("SELECT * FROM province ORDER BY name_th", PROVINCE);
            Map<String, Province> provinceByCode = new HashMap<>();
            provinces.forEach(p -> provinceByCode.put(p.code(), p));
            Map<String, List<District>> districtsByProvince = new HashMap<>();
            Map<String, District> districtByCode = new HashMap<>();
            jdbc.query("SELECT * FROM district ORDER BY code", DISTRICT).forEach(x -> {
                districtsByProvince.computeIfAbsent(x.provinceCode(), k -> new java.util.ArrayList<>()).add(x);
                districtByCode.put(x.code(), x);
            });
            Map<String, List<Subdistrict>> subdistrictsByDistrict = new HashMap<>();
            Map<String, Subdistrict> subdistrictByCode = new HashMap<>();
            jdbc.query("SELECT * FROM subdistrict ORDER BY code", SUBDISTRICT).forEach(x -> {
                subdistrictsByDistrict.computeIfAbsent(x.districtCode(), k -> new java.util.ArrayList<>()).add(x);
                subdistrictByCode.put(x.code(), x);
            });
            districtsByProvince.replaceAll((k, v) -> List.copyOf(v));
            subdistrictsByDistrict.replaceAll((k, v) -> List.copyOf(v));
            d = new Divisions(List.copyOf(provinces), Map.copyOf(provinceByCode), Map.copyOf(districtsByProvince), Map.copyOf(districtByCode),
                    Map.copyOf(subdistrictsByDistrict), Map.copyOf(subdistrictByCode));
            divisions = d;
        }
        return d;
    }

    public List<Province> provinces() {
        return divisions().provinces();
    }

    public Optional<Province> province(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(divisions().provinceByCode().get(code));
    }

    public List<District> districts(String provinceCode) {
        return provinceCode == null ? List.of() : divisions().districtsByProvince().getOrDefault(provinceCode, List.of());
    }

    public Optional<District> district(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(divisions().districtByCode().get(code));
    }

    public List<Subdistrict> subdistricts(String districtCode) {
        return districtCode == null ? List.of() : divisions().subdistrictsByDistrict().getOrDefault(districtCode, List.of());
    }

    /** Every subdistrict code, for checking many codes at once (e.g. an import). */
    public Set<String> subdistrictCodes() {
        return divisions().subdistrictByCode().keySet();
    }

    public Optional<Subdistrict> subdistrict(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(divisions().subdistrictByCode().get(code));
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
