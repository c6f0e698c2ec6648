package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fund office's rule-set screens: list and view for fund, admin and province; copy, edit, validate, publish and
 * retire for the fund office only. Every test works on its own draft copied from the default set (which it never
 * changes), and publishes only for an unused term (2410/1).
 */
@IntegrationTest
class RuleSetScreensTests {

    private static final String BASE = "/screening/rule-sets/";
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern NAME = Pattern.compile("\\sname=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\\svalue=\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private WebSession fund;
    private long defaultId;

    @BeforeEach
    void setUp() {
        fund = WebSession.loggedIn(port, "fund");
        defaultId = jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = '2569.1'", Long.class);
    }

    @Test
    void fundAdminAndProvinceSeeTheListAndEveryNumberInThai() {
        for (String user : new String[] {"fund", "admin", "province"}) {
            WebSession s = WebSession.loggedIn(port, user);
            String list = s.get("/screening/rule-sets").body();
            assertThat(list).contains("ชุดเกณฑ์คัดกรองความยากจน").contains("rule-set-" + defaultId).contains("cct-pmt-default")
                    .contains("2569.1").contains("เผยแพร่แล้ว").contains("2569/1, 2569/2").contains("table-wrap");
            assertThat(s.get("/").body()).contains("href=\"/screening/rule-sets\"");
            HttpResponse<String> view = s.get(BASE + defaultId);
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).contains("เกณฑ์รายได้").contains("3,000.00 บาท/คน/เดือน").contains("เกณฑ์คะแนนยากจนพิเศษ")
                    .contains("ภาคตะวันออกเฉียงเหนือ").contains("ใช้เกณฑ์คะแนนหลัก").contains("ภาระพึ่งพิง")
                    .contains("สภาพที่อยู่อาศัย: พื้นบ้าน").contains("ดิน").contains("ไม่มีห้องส้วมในที่อยู่อาศัย")
                    .contains("อาศัยอยู่กับผู้อื่น").contains("ที่ดินทำการเกษตร").contains("น้ำฝน").contains("ไม่มีไฟฟ้า")
                    .contains("รถยนต์ อายุไม่เกิน 15 ปี (ต่อคัน)").contains("-10 คะแนน").contains("ตู้เย็น")
                    .contains("2569") // published on a Buddhist-era date
                    .doesNotContain("??");
            assertThat(view.body().contains("id=\"copy-form\"")).as(user + " may copy").isEqualTo(user.equals("fund"));
            assertThat(view.body().contains("id=\"retire-form\"")).as(user + " may retire").isEqualTo(user.equals("fund"));
        }
        String english = fund.get(BASE + defaultId + "?lang=en").body();
        assertThat(english).contains("Income ceiling").contains("Living with others").contains("Rain or stream").doesNotContain("??");
        assertThat(WebSession.loggedIn(port, "teacher").get("/screening/rule-sets").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/screening/rule-sets").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void copyMakesADraftAndOpensItsEditPage() {
        String version = uniqueVersion();
        HttpResponse<String> r = fund.postFromPage(BASE + defaultId, BASE + defaultId + "/copy", Map.of("version", version));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        long id = jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = ?", Long.class, version);
        assertThat(location).endsWith(BASE + id + "/edit");
        assertThat(jdbc.queryForMap("SELECT status, copied_from, created_by FROM rule_set WHERE id = ?", id))
                .containsEntry("status", "DRAFT").containsEntry("copied_from", defaultId).containsEntry("created_by", "fund");
        String edit = fund.get(BASE + id + "/edit").body();
        assertThat(edit).contains("คัดลอกเป็นฉบับร่างแล้ว").contains("name=\"lockVersion\"").contains("step=\"0.01\"")
                .contains("type=\"number\"").contains("2569/1, 2569/2").doesNotContain("??");
        assertThat(formOf(edit)).containsEntry("incomeCeiling", "3000.00").containsEntry("tenure.LIVE_WITH_OTHERS", "6")
                .containsEntry("vehicles.lowest", "-20").containsEntry("cutOffByRegion.NORTH", "");
        String view = fund.get(BASE + id).body();
        assertThat(view).contains("ฉบับร่าง").contains("คัดลอกจาก").contains("พร้อมเผยแพร่").contains("id=\"publish-form\"")
                .contains("data-confirm=");
    }

    @Test
    void copyWithABadOrTakenVersionShowsTheErrorOnTheViewPage() {
        HttpResponse<String> bad = fund.postFromPage(BASE + defaultId, BASE + defaultId + "/copy", Map.of("version", "รุ่นใหม่ !"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("รุ่นใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ").contains("has-error").contains("copy-version-error");
        HttpResponse<String> taken = fund.postFromPage(BASE + defaultId, BASE + defaultId + "/copy", Map.of("version", "2569.1"));
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("มีชุดเกณฑ์ cct-pmt-default รุ่น 2569.1 อยู่แล้ว");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_set WHERE version = 'รุ่นใหม่ !'", Integer.class)).isZero();
    }

    @Test
    void editAndSaveADraft() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("name", "เกณฑ์ทดลอง ภาคเรียน 2410");
        form.put("effectiveTerms", "2410/2, 2410/1");
        form.put("tenure.RENT", "7");
        form.put("incomeCeiling", "3250.50");
        form.put("cutOffByRegion.NORTHEAST", "18");
        HttpResponse<String> r = fund.postFromPage(BASE + id + "/edit", BASE + id, form);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith(BASE + id + "/edit");
        assertThat(fund.get(BASE + id + "/edit").body()).contains("บันทึกฉบับร่างแล้ว").contains("value=\"3250.50\"");
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT name, array_to_string(effective_terms, ',') AS terms, parameters->'tenure'->>'RENT' AS rent,
                       parameters->>'incomeCeiling' AS ceiling, parameters->'cutOffByRegion'->>'NORTHEAST' AS northeast, lock_version
                FROM rule_set WHERE id = ?""", id);
        assertThat(row).containsEntry("name", "เกณฑ์ทดลอง ภาคเรียน 2410").containsEntry("terms", "2410/1,2410/2")
                .containsEntry("rent", "7").containsEntry("ceiling", "3250.50").containsEntry("northeast", "18")
                .containsEntry("lock_version", 1L);
        String view = fund.get(BASE + id).body();
        assertThat(view).contains("3,250.50 บาท/คน/เดือน").contains("18 คะแนน");
    }

    @Test
    void aNonNumberGetsAFieldErrorAndNothingIsSaved() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("name", "ไม่ควรถูกบันทึก");
        form.put("tenure.RENT", "สี่");
        form.put("incomeCeiling", "3,000.0.0");
        HttpResponse<String> r = fund.postFromPage(BASE + id + "/edit", BASE + id, form);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ยังไม่ได้บันทึก").contains("id=\"p-tenure-RENT-error\"").contains("กรุณากรอกเป็นจำนวนเต็ม")
                .contains("id=\"p-incomeCeiling-error\"").contains("กรุณากรอกจำนวนเงินเป็นตัวเลข").contains("has-error")
                .contains("value=\"ไม่ควรถูกบันทึก\"");
        assertThat(fieldBlock(r.body(), "p-tenure-RENT")).contains("กรุณากรอกเป็นจำนวนเต็ม");
        assertThat(jdbc.queryForMap("SELECT name, lock_version FROM rule_set WHERE id = ?", id))
                .containsEntry("lock_version", 0L).doesNotContainEntry("name", "ไม่ควรถูกบันทึก");
    }

    @Test
    void aStaleSaveIsRefusedAndChangesNothing() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("tenure.RENT", "1");
        assertThat(fund.postFromPage(BASE + id + "/edit", BASE + id, form).statusCode()).isEqualTo(302);
        form.put("tenure.RENT", "2");
        HttpResponse<String> stale = fund.postFromPage(BASE + id + "/edit", BASE + id, form);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("มีผู้อื่นแก้ไขชุดเกณฑ์นี้").contains("id=\"reload-link\"");
        assertThat(jdbc.queryForObject("SELECT parameters->'tenure'->>'RENT' FROM rule_set WHERE id = ?", String.class, id)).isEqualTo("1");
    }

    @Test
    void problemsAreShownNextToTheirFieldsAndBlockPublishing() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("tenure.RENT", "");
        form.put("dependants.maxCounted", "99");
        form.put("effectiveTerms", "");
        HttpResponse<String> saved = fund.postFromPage(BASE + id + "/edit", BASE + id, form);
        assertThat(saved.statusCode()).as("a draft may be saved with problems").isEqualTo(302);
        String edit = fund.get(BASE + id + "/edit").body();
        assertThat(edit).contains("ยังเผยแพร่ไม่ได้: มี 3 รายการที่ต้องแก้ไข").contains("href=\"#p-tenure-RENT\"");
        assertThat(fieldBlock(edit, "p-tenure-RENT")).contains("กรุณากรอกค่านี้");
        assertThat(fieldBlock(edit, "p-dependants-maxCounted")).contains("ต้องอยู่ระหว่าง 0 ถึง 30");
        assertThat(fieldBlock(edit, "p-effectiveTerms")).contains("กรุณาระบุภาคเรียน");
        String view = fund.get(BASE + id).body();
        assertThat(view).contains("สถานะการอยู่อาศัย · บ้านเช่า").contains("ภาระพึ่งพิง · นับผู้มีภาระพึ่งพิงได้ไม่เกิน")
                .contains("ยังไม่ได้กรอก");

        HttpResponse<String> publish = fund.postFromPage(BASE + id, BASE + id + "/publish", Map.of("lockVersion", lockVersion(id)));
        assertThat(publish.statusCode()).isEqualTo(302);
        assertThat(fund.get(BASE + id).body()).contains("ยังเผยแพร่ไม่ได้ กรุณาแก้ไขรายการด้านล่างก่อน").contains("กรุณากรอกค่านี้");
        assertThat(jdbc.queryForObject("SELECT status FROM rule_set WHERE id = ?", String.class, id)).isEqualTo("DRAFT");
    }

    @Test
    void aValidDraftIsPublishedThenReadOnlyThenRetired() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("effectiveTerms", "2410/1");
        assertThat(fund.postFromPage(BASE + id + "/edit", BASE + id, form).statusCode()).isEqualTo(302);

        HttpResponse<String> stale = fund.postFromPage(BASE + id, BASE + id + "/publish", Map.of("lockVersion", "0"));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(fund.get(BASE + id).body()).contains("มีผู้อื่นแก้ไขชุดเกณฑ์นี้");
        assertThat(jdbc.queryForObject("SELECT status FROM rule_set WHERE id = ?", String.class, id)).isEqualTo("DRAFT");

        HttpResponse<String> publish = fund.postFromPage(BASE + id, BASE + id + "/publish", Map.of("lockVersion", lockVersion(id)));
        assertThat(publish.statusCode()).isEqualTo(302);
        String view = fund.get(BASE + id).body();
        assertThat(view).contains("เผยแพร่ชุดเกณฑ์แล้ว").contains("เผยแพร่แล้ว").contains("id=\"rule-set-published\"")
                .doesNotContain("id=\"publish-form\"").doesNotContain("id=\"edit-rule-set\"").contains("id=\"retire-form\"");
        assertThat(jdbc.queryForMap("SELECT status, published_by FROM rule_set WHERE id = ?", id))
                .containsEntry("status", "PUBLISHED").containsEntry("published_by", "fund");

        HttpResponse<String> edit = fund.get(BASE + id + "/edit");
        assertThat(edit.statusCode()).isEqualTo(302);
        assertThat(edit.headers().firstValue("Location").orElseThrow()).endsWith(BASE + id);
        assertThat(fund.get(BASE + id).body()).contains("ชุดเกณฑ์นี้ไม่ใช่ฉบับร่างจึงแก้ไขไม่ได้");
        form.put("tenure.RENT", "9");
        form.put("lockVersion", lockVersion(id));
        HttpResponse<String> save = fund.postFromPage(BASE + id, BASE + id, form);
        assertThat(save.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT parameters->'tenure'->>'RENT' FROM rule_set WHERE id = ?", String.class, id)).isEqualTo("4");

        HttpResponse<String> retire = fund.postFromPage(BASE + id, BASE + id + "/retire", Map.of());
        assertThat(retire.statusCode()).isEqualTo(302);
        assertThat(fund.get(BASE + id).body()).contains("เลิกใช้ชุดเกณฑ์แล้ว").contains("เลิกใช้แล้ว").doesNotContain("id=\"retire-form\"");
        assertThat(jdbc.queryForObject("SELECT status FROM rule_set WHERE id = ?", String.class, id)).isEqualTo("RETIRED");
        fund.postFromPage(BASE + id, BASE + id + "/retire", Map.of());
        assertThat(fund.get(BASE + id).body()).contains("เลิกใช้ได้เฉพาะชุดเกณฑ์ที่เผยแพร่แล้ว");
    }

    @Test
    void provinceAndAdminCannotWrite() {
        long id = newDraft();
        Map<String, String> form = formOf(fund.get(BASE + id + "/edit").body());
        form.put("name", "ไม่ควรถูกบันทึก");
        for (String user : new String[] {"province", "admin"}) {
            WebSession s = WebSession.loggedIn(port, user);
            assertThat(s.get(BASE + id + "/edit").statusCode()).isEqualTo(403);
            assertThat(s.postFromPage(BASE + id, BASE + id, form).statusCode()).isEqualTo(403);
            assertThat(s.postFromPage(BASE + id, BASE + id + "/publish", Map.of("lockVersion", "0")).statusCode()).isEqualTo(403);
            assertThat(s.postFromPage(BASE + id, BASE + id + "/copy", Map.of("version", uniqueVersion())).statusCode()).isEqualTo(403);
            assertThat(s.postFromPage(BASE + defaultId, BASE + defaultId + "/retire", Map.of()).statusCode()).isEqualTo(403);
            assertThat(s.get(BASE + id).body()).doesNotContain("id=\"publish-form\"").doesNotContain("id=\"edit-rule-set\"");
        }
        assertThat(jdbc.queryForMap("SELECT name, status, lock_version FROM rule_set WHERE id = ?", id))
                .containsEntry("status", "DRAFT").containsEntry("lock_version", 0L).doesNotContainEntry("name", "ไม่ควรถูกบันทึก");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_set WHERE copied_from = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM rule_set WHERE id = ?", String.class, defaultId)).isEqualTo("PUBLISHED");
    }

    // ----- helpers -----------------------------------------------------------------------------------------

    /** A new draft copied from the default set through the screen. */
    private long newDraft() {
        String version = uniqueVersion();
        HttpResponse<String> r = fund.postFromPage(BASE + defaultId, BASE + defaultId + "/copy", Map.of("version", version));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = ?", Long.class, version);
    }

    private static String uniqueVersion() {
        return "t" + System.nanoTime() % 1_000_000_000L;
    }

    private String lockVersion(long id) {
        return String.valueOf(jdbc.queryForObject("SELECT lock_version FROM rule_set WHERE id = ?", Long.class, id));
    }

    /** The named inputs of the rule-set form and their values, as a browser would submit them. */
    static Map<String, String> formOf(String html) {
        int start = html.indexOf("class=\"form rules-form\"");
        assertThat(start).as("the rule-set form").isPositive();
        String form = html.substring(start, html.indexOf("</form>", start));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            Matcher name = NAME.matcher(input.group());
            if (name.find() && !name.group(1).equals("_csrf")) {
                Matcher value = VALUE.matcher(input.group());
                fields.put(name.group(1), value.find() ? value.group(1) : "");
            }
        }
        return fields;
    }

    /** The markup of the field whose input has this id, up to the next field: its label, input and error. */
    private static String fieldBlock(String html, String inputId) {
        int at = html.indexOf("id=\"" + inputId + "\"");
        assertThat(at).as(inputId).isPositive();
        int start = html.lastIndexOf("<div class=\"field", at);
        int next = html.indexOf("<div class=\"field", at);
        return html.substring(start, next < 0 ? html.length() : next);
    }
}
