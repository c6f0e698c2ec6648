package org.eduequity.account;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Records every login, failed login and logout as a login attempt and in the audit log. */
@Component
class LoginAuditListener {

    private final LoginAttempts attempts;
    private final AuditLog audit;

    LoginAuditListener(LoginAttempts attempts, AuditLog audit) {
        this.attempts = attempts;
        this.audit = audit;
    }

    @EventListener
    @Transactional
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        String addr = remoteAddr(event.getAuthentication().getDetails());
        if (isApiRequest() && attempts.recentFailures(username) == 0) {
            return; // HTTP Basic authenticates every API call: only a login that clears failures is worth a row
        }
        attempts.record(username, true, addr);
        audit.record(username, AuditAction.LOGIN, "UserAccount", username, isApiRequest() ? "api" : null);
    }

    @EventListener
    @Transactional
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        if (username.length() > 100) {
            username = username.substring(0, 100);
        }
        String addr = remoteAddr(event.getAuthentication().getDetails());
        boolean locked = event.getException() instanceof LockedException;
        if (!locked) {
            attempts.record(username, false, addr);
        }
        audit.record(username, locked ? AuditAction.LOGIN_LOCKED : AuditAction.LOGIN_FAILED, "UserAccount", username,
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    @Transactional
    void onLogout(LogoutSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), AuditAction.LOGOUT, "UserAccount",
                event.getAuthentication().getName(), null);
    }

    private static boolean isApiRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getRequestURI().startsWith(attrs.getRequest().getContextPath() + "/api/");
    }

    private static String remoteAddr(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
