package org.eduequity.review;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.eduequity.survey.ReviewOutcomes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The review's outcomes as the teachers' screens show them next to their children. */
@Component
class TeacherOutcomes implements ReviewOutcomes {

    private final JdbcTemplate jdbc;
    private final org.springframework.context.MessageSource messages;

    TeacherOutcomes(JdbcTemplate jdbc, org.springframework.context.MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Outcome> of(Collection<Long> childIds, String term) {
        Map<Long, Outcome> outcomes = new HashMap<>();
        if (childIds.isEmpty()) {
            return outcomes;
        }
        jdbc.query("""
                SELECT rv.child_id, rv.status, rv.reason_code, rv.reason_text FROM review rv
                WHERE rv.term = ? AND rv.child_id = ANY (?)""", rs -> {
                    outcomes.put(rs.getLong(1), new Outcome(rs.getString(2), reason(rs.getString(3), rs.getString(4))));
                }, term, childIds.toArray(Long[]::new));
        return outcomes;
    }

    /** The chosen reason's label in the user's language, then the reviewer's words. */
    private String reason(String code, String text) {
        String label = code == null || "OTHER".equals(code) ? null
                : messages.getMessage("review.reason." + code, null, code, org.springframework.context.i18n.LocaleContextHolder.getLocale());
        return label == null ? text : text == null ? label : label + ": " + text;
    }
}
