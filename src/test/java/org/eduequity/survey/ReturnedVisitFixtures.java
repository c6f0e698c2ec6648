package org.eduequity.survey;

import java.time.Clock;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/** A returned visit for tests outside the survey package (page looks, journeys). */
public final class ReturnedVisitFixtures {

    private ReturnedVisitFixtures() {
    }

    /**
     * A visit of this term by teacher (its student a new child of teacher's school), returned by the province with
     * this reason. The security context is cleared afterwards.
     */
    public static SurveyReceipt aReturnedVisit(ApplicationContext context, String reason) {
        UserDetailsService users = context.getBean(UserDetailsService.class);
        try {
            return ReturnedVisitScreensTests.aReturnedVisit(context.getBean(Surveys.class), context.getBean(ReturnedVisits.class),
                    context.getBean(TransactionTemplate.class), context.getBean(Clock.class), reason, () -> actAs(users, "teacher"),
                    () -> actAs(users, "province"));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void actAs(UserDetailsService users, String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}
