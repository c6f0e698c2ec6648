package org.eduequity.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eduequity.studentcare.CareImports;
import org.eduequity.studentcare.FollowUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DEMO DATA ONLY. Early warning (issue 9 step 2a, ADR 0009) at the demo teacher's school 1040010001: the school head
 * {@code head} (a TEACHER of the school marked as its head, same demo password as {@code teacher}), the term rosters of
 * 2569/1 and 2569/2 imported as the teacher (so the NOT_RE_ENROLLED alerts are raised by the real import): two P6 and
 * one M3 student of 2569/1 are on no roster of 2569/2, one more moved away (a transfer record); 2569/2 attendance with one
 * ALERT and one WATCH; the alerts' follow-ups back-dated to 2, 9 and 16 days so that the head (over 7 days) and the
 * province (over 14 days) see escalated ones. Runs once: nothing is done when the school's 2569/2 roster exists.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(20)
class DemoEarlyWarning implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoEarlyWarning.class);
    static final String UNIT = "1040010001";
    static final String HEAD = "head";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final UserDetailsService users;
    private final CareImports imports;
    private final FollowUps followUps;

    DemoEarlyWarning(JdbcTemplate jdbc, TransactionTemplate tx, UserDetailsService users, CareImports imports, FollowUps followUps) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.users = users;
        this.imports = imports;
        this.followUps = followUps;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(s -> head());
        Integer done = jdbc.queryForObject("""
                SELECT count(*) FROM care_roster r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = ? AND r.term = '2569/2'""",
                Integer.class, UNIT);
        if (done != null && done > 0) {
            return;
        }
        List<Map<String, Object>> kids = jdbc.queryForList("""
                SELECT c.national_id, c.grade_level FROM child c JOIN org_unit u ON u.id = c.org_unit_id WHERE u.code = ? ORDER BY c.national_id""",
                UNIT);
        if (kids.size() < 8) {
            return;
        }
        UserDetails teacher = users.loadUserByUsername("teacher");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(teacher, null, teacher.getAuthorities()));
        try {
            // the last four students of 2569/1 leave: two P6 and one M3 do not come back, one moves away
            StringBuilder first = new StringBuilder("nationalId,gradeLevel\n");
            StringBuilder second = new StringBuilder("nationalId,gradeLevel\n");
            int n = kids.size();
            for (int i = 0; i < n; i++) {
                String id = (String) kids.get(i).get("national_id");
                String grade = i == n - 1 || i == n - 2 ? "P6" : i == n - 3 ? "M3" : (String) kids.get(i).get("grade_level");
                first.append(id).append(',').append(grade).append('\n');
                if (i < n - 4) {
                    second.append(id).append(',').append(grade).append('\n');
                }
            }
            String moved = (String) kids.get(n - 4).get("national_id");
            tx.executeWithoutResult(s -> imports.importCsv(CareImports.Kind.ROSTER, "2569/1", csv(first)));
            tx.executeWithoutResult(s -> followUps.recordTransfer(new FollowUps.TransferEntry(moved, "2569-10-20".replace("2569", "2026"),
                    "โรงเรียนขอนแก่นวิทยายน (สาธิต)", "ย้ายตามผู้ปกครอง")));
            tx.executeWithoutResult(s -> imports.importCsv(CareImports.Kind.ROSTER, "2569/2", csv(second)));
            String attendance = "nationalId,schoolDays,daysAbsent\n" + kids.get(0).get("national_id") + ",20,6\n" + kids.get(1).get("national_id")
                    + ",20,3\n";
            tx.executeWithoutResult(s -> imports.importCsv(CareImports.Kind.ATTENDANCE, "2569/2", csv(new StringBuilder(attendance))));
        } finally {
            SecurityContextHolder.clearContext();
        }
        // ages: the M3 alert 16 days (province), one P6 alert 9 days (head), the other P6 alert 2 days
        tx.executeWithoutResult(s -> {
            age((String) kids.get(n(kids) - 3).get("national_id"), 16);
            age((String) kids.get(n(kids) - 2).get("national_id"), 9);
            age((String) kids.get(n(kids) - 1).get("national_id"), 2);
        });
        log.info("DEMO early warning: rosters of 2569/1 and 2569/2 at {}, alerts raised", UNIT);
    }

    private static int n(List<?> list) {
        return list.size();
    }

    private void age(String nationalId, int days) {
        jdbc.update("""
                UPDATE care_follow_up f SET opened_at = now() - make_interval(days => ?) FROM child c
                WHERE c.id = f.child_id AND c.national_id = ? AND f.term = '2569/2' AND f.resolved_at IS NULL""", days, nationalId);
    }

    private static ByteArrayInputStream csv(StringBuilder sb) {
        return new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The school head: a TEACHER account of the school marked as its head, with the demo teacher's password. */
    private void head() {
        Long id = jdbc.query("SELECT id FROM user_account WHERE username = ?", (rs, i) -> rs.getLong(1), HEAD).stream().findFirst().orElse(null);
        if (id == null) {
            id = jdbc.queryForObject("""
                    INSERT INTO user_account (username, display_name, password_hash, unit_head)
                    SELECT ?, 'ผู้อำนวยการสมชาย รักเรียน (สาธิต)', password_hash, TRUE FROM user_account WHERE username = 'teacher'
                    RETURNING id""", Long.class, HEAD);
            jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'TEACHER')", id);
            jdbc.update("INSERT INTO user_org_unit (user_id, org_unit_id) SELECT ?, id FROM org_unit WHERE code = ?", id, UNIT);
        } else {
            // the demo password may change at each start: keep the head's the teacher's
            jdbc.update("UPDATE user_account SET password_hash = (SELECT password_hash FROM user_account WHERE username = 'teacher') WHERE id = ?", id);
        }
    }
}
