package db.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Loads regions, provinces, districts and subdistricts from the copy of kongvut/thai-province-data (MIT
 * licence, see db/geography/LICENSE and README.md) kept in the repository. The files use CRLF line endings;
 * the province file's {@code id} is a sequence number, the DOPA province code is the first two digits of
 * its districts' codes.
 */
public class V3__geography_load extends BaseJavaMigration {

    private static final String[] REGION_EN = {"", "North", "Central", "Northeast", "West", "East", "South"};

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String[]> regions = read("geographies.csv");
        List<String[]> provinces = read("provinces.csv");
        List<String[]> districts = read("districts.csv");
        List<String[]> subdistricts = read("sub_districts.csv");

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO region (id, name_th, name_en) VALUES (?, ?, ?)")) {
            for (String[] r : regions) {
                int id = Integer.parseInt(r[0]);
                ps.setInt(1, id);
                ps.setString(2, r[1]);
                ps.setString(3, REGION_EN[id]);
                ps.addBatch();
            }
            ps.executeBatch();
        }

        Map<String, String> provinceCodeBySequence = new HashMap<>();
        for (String[] d : districts) {
            String code = d[0].substring(0, 2);
            String previous = provinceCodeBySequence.putIfAbsent(d[3], code);
            if (previous != null && !previous.equals(code)) {
                throw new IllegalStateException("Province " + d[3] + " has districts in DOPA provinces " + previous + " and " + code);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO province (code, name_th, name_en, region_id) VALUES (?, ?, ?, ?)")) {
            for (String[] p : provinces) {
                String code = provinceCodeBySequence.get(p[0]);
                if (code == null) {
                    throw new IllegalStateException("Province " + p[2] + " has no districts, so no DOPA code");
                }
                ps.setString(1, code);
                ps.setString(2, p[1]);
                ps.setString(3, p[2]);
                ps.setInt(4, Integer.parseInt(p[3]));
                ps.addBatch();
            }
            ps.executeBatch();
        }

        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO district (code, province_code, name_th, name_en) VALUES (?, ?, ?, ?)")) {
            for (String[] d : districts) {
                ps.setString(1, d[0]);
                ps.setString(2, d[0].substring(0, 2));
                ps.setString(3, d[1]);
                ps.setString(4, d[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }

        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO subdistrict (code, district_code, province_code, name_th, name_en, postcode, latitude, longitude)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (String[] s : subdistricts) {
                if (!s[0].startsWith(s[4])) {
                    throw new IllegalStateException("Subdistrict " + s[0] + " is not inside district " + s[4]);
                }
                ps.setString(1, s[0]);
                ps.setString(2, s[4]);
                ps.setString(3, s[0].substring(0, 2));
                ps.setString(4, s[2]);
                ps.setString(5, s[3]);
                ps.setString(6, s[1].isBlank() ? null : s[1]);
                setDecimal(ps, 7, s[5]);
                setDecimal(ps, 8, s[6]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setDecimal(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null || value.isBlank()) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, new BigDecimal(value.trim()));
        }
    }

    /** Rows of a header-first CSV without quoted fields (true of these files), CR and LF stripped. */
    static List<String[]> read(String file) {
        String path = "db/geography/" + file;
        try (InputStream in = V3__geography_load.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalStateException(path + " is empty");
            }
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.replace("\r", "");
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
