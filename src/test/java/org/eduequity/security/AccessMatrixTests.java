package org.eduequity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every kind of caller → the expected outcome. Endpoints are enumerated from the handler
 * mappings, so a new endpoint without a row here fails {@link #everyEndpointHasARow()}. Callers: anonymous,
 * each role, and for area-owned data a user of the right area and one of the wrong area.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

    /** Who calls. */
    enum Actor {
        ANONYMOUS(null), TEACHER("teacher"), TEACHER_OTHER_SCHOOL("teacher2"), PROVINCE("province"),
        PROVINCE_OTHER("province2"), FUND("fund"), ADMIN("admin"),
        /** The demo area worker: subdistricts of Mueang Rayong (21). */
        AREA("area"),
        /** An area worker of a Khon Kaen subdistrict (made by the test): another area. */
        AREA_OTHER("matrix-area-kk"),
        /** The demo provider user (P21001). */
        PROVIDER("provider");

        final String username;

        Actor(String username) {
            this.username = username;
        }
    }

    /** What must happen. */
    enum Expect {
        /** Passes security (the handler runs: 2xx, 3xx not to the login page, 400, 404, 409). */
        OK,
        /** 403. */
        DENIED,
        /** Must log in: 401 on the API, a redirect to the login page on screens. */
        LOGIN,
        /** Anything but 401/403 (framework error page). */
        ANY
    }

    record Row(RequestMethod method, String pattern, String samplePath, Map<String, String> form, Map<Actor, Expect> expected) {
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    private final Map<Actor, WebSession> sessions = new EnumMap<>(Actor.class);
    private long victimId;
    private long demoUnitId;
    private String demoChildId;
    private long visitId;
    private long demoChildPk;
    private long draftId;
    private long defaultRuleSetId;
    private long defaultCareRuleSetId;

    private long foundChildId;
    private FullVisitRows.Sample fullVisit;

    @BeforeAll
    void logIn() {
        long areaOther = jdbc.queryForObject("""
                INSERT INTO user_account (username, display_name, password_hash) VALUES ('matrix-area-kk', 'Matrix area worker', ?)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id""",
                Long.class, encoder.encode(WebSession.DEMO_PASSWORD));
        jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'AREA_WORKER') ON CONFLICT DO NOTHING", areaOther);
        jdbc.update("INSERT INTO user_subdistrict (user_id, subdistrict_code) VALUES (?, '400103') ON CONFLICT DO NOTHING", areaOther);
        foundChildId = jdbc.queryForObject("SELECT id FROM found_child WHERE external_id = 'demo-oos-21-1'", Long.class);
        for (Actor actor : Actor.values()) {
            sessions.put(actor, actor.username == null ? new WebSession(port) : WebSession.loggedIn(port, actor.username));
        }
        victimId = jdbc.queryForObject("""
                INSERT INTO user_account (username, display_name, password_hash) VALUES ('matrix-target', 'Matrix target', ?)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id""",
                Long.class, encoder.encode("matrix target password"));
        jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'FUND') ON CONFLICT DO NOTHING", victimId);
        demoUnitId = jdbc.queryForObject("SELECT id FROM org_unit WHERE code = '1040010001'", Long.class);
        HttpResponse<String> visit = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        org.eduequity.survey.SurveyApiTests.exampleB(java.util.UUID.randomUUID(),
                                org.eduequity.survey.SurveyApiTests.newNationalId()))).build());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(visit.body());
        assertThat(id.find()).as(visit.body()).isTrue();
        visitId = Long.parseLong(id.group(1));
        demoChildId = jdbc.queryForObject("SELECT national_id FROM child WHERE org_unit_id = ? ORDER BY id LIMIT 1", String.class,
                demoUnitId);
        // a demo child of teacher's school with a visit draft of this term, opened through the screen
        demoChildPk = jdbc.queryForObject("SELECT c.id FROM child c WHERE org_unit_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM visit_student s WHERE s.child_id = c.id) ORDER BY c.id LIMIT 1", Long.class, demoUnitId);
        HttpResponse<String> opened = sessions.get(Actor.TEACHER).get("/children/" + demoChildPk + "/visit");
        java.util.regex.Matcher draft = java.util.regex.Pattern.compile("/visits/drafts/(\\d+)$")
                .matcher(opened.headers().firstValue("Location").orElse(""));
        assertThat(draft.find()).as(opened.headers().map().toString()).isTrue();
        draftId = Long.parseLong(draft.group(1));
        defaultRuleSetId = jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = '2569.1'", Long.class);
        defaultCareRuleSetId = jdbc.queryForObject("SELECT id FROM care_rule_set WHERE code = 'care-default' AND version = '2569.1'", Long.class);
        fullVisit = FullVisitRows.prepare(port, jdbc, sessions.get(Actor.AREA));
    }

    // ----- expectation shorthands -------------------------------------------------------------------------

    /** Screens any signed-in user may open. */
    private static Map<Actor, Expect> anySignedIn() {
        Map<Actor, Expect> m = new EnumMap<>(Actor.class);
        for (Actor a : Actor.values()) {
            m.put(a, a == Actor.ANONYMOUS ? Expect.LOGIN : Expect.OK);
        }
        return m;
    }

    private static Map<Actor, Expect> everyone(Expect e) {
        Map<Actor, Expect> m = new EnumMap<>(Actor.class);
        for (Actor a : Actor.values()) {
            m.put(a, e);
        }
        return m;
    }

    /** Only these actors pass; other signed-in users are denied. */
    static Map<Actor, Expect> only(Actor... allowed) {
        Map<Actor, Expect> m = new EnumMap<>(Actor.class);
        Set<Actor> ok = Set.of(allowed);
        for (Actor a : Actor.values()) {
            m.put(a, a == Actor.ANONYMOUS ? Expect.LOGIN : ok.contains(a) ? Expect.OK : Expect.DENIED);
        }
        return m;
    }

    private List<Row> rows() {
        String u = "/admin/users/" + victimId;
        Map<String, String> staleVersion = Map.of("version", "999999", "password", "short");
        List<Row> rows = new ArrayList<>();
        // public and general screens
        rows.add(new Row(RequestMethod.GET, "/login", "/login", null, everyone(Expect.OK)));
        rows.add(new Row(RequestMethod.GET, "/", "/", null, anySignedIn()));
        rows.add(new Row(null, "/error", "/error", null, everyone(Expect.ANY)));
        // API documentation: any signed-in user
        rows.add(new Row(RequestMethod.GET, "/v3/api-docs", "/v3/api-docs", null, anySignedIn()));
        rows.add(new Row(RequestMethod.GET, "/v3/api-docs.yaml", "/v3/api-docs.yaml", null, anySignedIn()));
        rows.add(new Row(RequestMethod.GET, "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", null, anySignedIn()));
        rows.add(new Row(RequestMethod.GET, "/swagger-ui.html", "/swagger-ui.html", null, anySignedIn()));
        // admin: accounts and the audit log
        rows.add(new Row(RequestMethod.GET, "/admin/users", "/admin/users", null, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/admin/users/new", "/admin/users/new", null, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/admin/users", "/admin/users", Map.of("username", ""), only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/admin/users/{id}/edit", u + "/edit", null, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/admin/users/{id}", u, Map.of("version", "999999", "displayName", "x", "roles", "FUND"),
                only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/admin/users/{id}/password", u + "/password", staleVersion, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/admin/users/{id}/disable", u + "/disable", staleVersion, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/admin/users/{id}/enable", u + "/enable", staleVersion, only(Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/admin/audit", "/admin/audit", null, only(Actor.ADMIN)));
        // surveys: teachers of the unit and admins record; a child's record for those whose area covers it
        rows.add(new Row(RequestMethod.POST, "/api/v1/surveys", "/api/v1/surveys", null, only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/api/v1/surveys/import", "/api/v1/surveys/import", null,
                only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/api/v1/surveys/{id}/photos", "/api/v1/surveys/" + visitId + "/photos", null,
                only(Actor.TEACHER, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/surveys/{id}/photos/{photoId}", "/api/v1/surveys/" + visitId + "/photos/999999",
                null, only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/children/{nationalId}", "/api/v1/children/" + demoChildId, null,
                only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        // API
        rows.add(new Row(RequestMethod.GET, "/api/v1/me", "/api/v1/me", null, anySignedIn()));
        // area-owned: Khon Kaen's units — its province user, the fund office and admin; not Rayong's, not teachers
        rows.add(new Row(RequestMethod.GET, "/api/v1/provinces/{code}/org-units", "/api/v1/provinces/40/org-units", null,
                only(Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        // area-owned: the children of teacher's school — teacher, its province, fund, admin; not teacher2, not Rayong
        rows.add(new Row(RequestMethod.GET, "/api/v1/org-units/{code}/children", "/api/v1/org-units/1040010001/children", null,
                only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        rows.addAll(OrganisationRows.rows(demoUnitId));
        rows.addAll(SurveyRows.rows(demoChildPk, draftId, visitId));
        rows.addAll(ScreeningRows.rows(demoChildId, defaultRuleSetId));
        rows.addAll(ReviewRows.rows());
        rows.addAll(DisbursementRows.rows(demoChildId));
        rows.addAll(OutOfSchoolRows.rows(foundChildId));
        rows.addAll(CareRows.rows(demoChildId, demoChildPk, defaultCareRuleSetId));
        // student care, issue 9 step 2b: entry screens, class page, dashboard, rule-set screens
        rows.addAll(CareScreenRows.rows(demoChildPk, defaultCareRuleSetId));
        rows.addAll(CaseRows.rows(jdbc));
        rows.addAll(CasePaymentRows.rows(jdbc));
        rows.addAll(FoundChildEditRows.rows(foundChildId));
        rows.addAll(FullVisitRows.rows(fullVisit));
        // early warning (issue 9 step 2a)
        rows.addAll(WarningRows.rows(jdbc, demoChildPk));
        return rows;
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> covered = rows().stream().map(r -> key(r.method(), r.pattern())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(key(null, pattern));
                }
                for (RequestMethod m : methods) {
                    endpoints.add(key(m, pattern));
                }
            }
        }
        assertThat(endpoints).as("endpoints without a row in the access matrix").isSubsetOf(covered);
        assertThat(covered).as("rows for endpoints that no longer exist").isSubsetOf(endpoints);
    }

    @Test
    void everyCallerGetsTheExpectedOutcome() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Row row : rows()) {
            for (Map.Entry<Actor, Expect> e : row.expected().entrySet()) {
                HttpResponse<String> r = call(row, e.getKey());
                checked++;
                if (!matches(row, e.getValue(), r)) {
                    wrong.add(row.method() + " " + row.samplePath() + " as " + e.getKey() + ": expected " + e.getValue() + " but got "
                            + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    private HttpResponse<String> call(Row row, Actor actor) {
        boolean api = row.samplePath().startsWith("/api/");
        if (api) {
            HttpRequest.Builder b = WebSession.basic(port, row.samplePath(), actor.username, WebSession.DEMO_PASSWORD);
            String type = row.samplePath().endsWith("/import") ? "application/x-ndjson" : "application/json";
            String body = "{}";
            if (row.samplePath().endsWith("/photos")) {
                type = "multipart/form-data; boundary=matrix";
                body = "--matrix\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nEXTERIOR\r\n--matrix\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n\r\nnot a photo\r\n--matrix--\r\n";
            }
            b = row.method() == RequestMethod.POST || row.method() == RequestMethod.PUT
                    ? b.method(row.method().name(), HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", type) : b.GET();
            return WebSession.sendApi(b.build());
        }
        WebSession session = sessions.get(actor);
        if (row.method() == RequestMethod.POST) {
            return session.postWithToken(row.samplePath(), row.form() == null ? Map.of() : new LinkedHashMap<>(row.form()));
        }
        return session.get(row.samplePath());
    }

    private static boolean matches(Row row, Expect expect, HttpResponse<String> r) {
        boolean api = row.samplePath().startsWith("/api/");
        boolean toLogin = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/login");
        return switch (expect) {
            case LOGIN -> api ? r.statusCode() == 401 : toLogin;
            case DENIED -> r.statusCode() == 403;
            case OK -> r.statusCode() != 401 && r.statusCode() != 403 && !toLogin && r.statusCode() < 500;
            case ANY -> r.statusCode() != 401 && r.statusCode() != 403;
        };
    }

    private static String key(RequestMethod method, String pattern) {
        return (method == null ? "ANY" : method.name()) + " " + pattern;
    }
}
