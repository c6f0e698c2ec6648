package org.eduequity.outofschool;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eduequity.support.WebSession;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts and documents for the out-of-school tests. Test accounts work in Trat (DOPA 23), a province no demo data
 * uses, so that their counts are exact: area workers of Mueang Trat (2301) and of Khao Saming (2303), and a Trat
 * provincial user.
 */
public final class OutOfSchoolFixtures {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public OutOfSchoolFixtures(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** An area worker of these subdistricts (created once); returns the username. */
    public String areaWorker(String username, String... subdistricts) {
        long id = account(username, "AREA_WORKER", null);
        for (String s : subdistricts) {
            jdbc.update("INSERT INTO user_subdistrict (user_id, subdistrict_code) VALUES (?, ?) ON CONFLICT DO NOTHING", id, s);
        }
        return username;
    }

    /** A provincial user of a province (created once). */
    public String provinceUser(String username, String province) {
        account(username, "PROVINCE", province);
        return username;
    }

    /** A teacher of an organisation unit (created once). */
    public String teacher(String username, String unitCode) {
        long id = account(username, "TEACHER", null);
        jdbc.update("INSERT INTO user_org_unit (user_id, org_unit_id) SELECT ?, id FROM org_unit WHERE code = ? ON CONFLICT DO NOTHING", id, unitCode);
        return username;
    }

    /** A provider of a province (created once), code P + province + serial. */
    public String provider(String code, String province) {
        jdbc.update("""
                INSERT INTO provider (code, name_th, type, province_code) VALUES (?, ?, 'NGO', ?) ON CONFLICT (code) DO NOTHING""",
                code, "หน่วยทดสอบ " + code, province);
        return code;
    }

    /** A provider's user (created once). */
    public String providerUser(String username, String providerCode) {
        long id = account(username, "PROVIDER", null);
        jdbc.update("UPDATE user_account SET provider_code = ? WHERE id = ?", providerCode, id);
        return username;
    }

    private long account(String username, String role, String province) {
        Long id = jdbc.queryForObject("""
                INSERT INTO user_account (username, display_name, password_hash, province_code) VALUES (?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id""", Long.class,
                username, "ทดสอบ " + username, encoder.encode(WebSession.DEMO_PASSWORD), province);
        jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING", id, role);
        return id;
    }

    /** A well-formed national id never used before (prefix 8, so never a demo id). */
    public static String newNationalId() {
        String twelve = "8" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    /** The spec's example document with the given id, names, birth date, survey date and subdistrict. */
    public static String document(String externalId, String nationalId, String firstName, String lastName, LocalDate birthDate,
                                  LocalDate surveyedOn, String subdistrict, List<String> needs) {
        return """
                {"externalId": "%s", "nationalId": %s, "noIdReason": %s, "firstName": "%s", "lastName": "%s",
                 "birthDate": "%s", "sex": "M", "surveyedOn": "%s",
                 "address": {"houseNo": "12", "villageNo": 3, "subdistrictCode": "%s"},
                 "location": {"lat": 12.24, "lon": 102.51}, "guardianPhone": "081-234-5678",
                 "situation": "ช่วยพ่อทำประมง", "highestGrade": "M2", "leftSchoolOn": null,
                 "reasons": ["POVERTY", "WORKING"], "needs": [%s], "notes": ""}"""
                .formatted(externalId == null ? UUID.randomUUID() : externalId, nationalId == null ? "null" : "\"" + nationalId + "\"",
                        nationalId == null ? "\"ไม่มีเอกสาร\"" : "null", firstName, lastName, birthDate, surveyedOn, subdistrict,
                        String.join(", ", needs.stream().map(n -> "\"" + n + "\"").toList()));
    }
}
