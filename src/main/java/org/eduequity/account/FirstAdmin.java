package org.eduequity.account;

import java.util.EnumSet;
import java.util.Set;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A fresh production database has no accounts. When {@code EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD} is set and
 * no administrator exists yet, this creates the account {@code admin} with that password (which must pass
 * the password rules); otherwise it says how to get in. It never touches an existing administrator.
 */
@Component
@Order(100)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccountRepository accounts;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final java.time.Clock clock;
    private final String password;

    FirstAdmin(UserAccountRepository accounts, JdbcTemplate jdbc, PasswordEncoder encoder, PasswordPolicy policy, AuditLog audit,
               java.time.Clock clock, @Value("${eduequity.bootstrap.admin-password:}") String password) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Integer admins = jdbc.queryForObject("SELECT count(*) FROM user_role WHERE role = 'ADMIN'", Integer.class);
        if (admins != null && admins > 0) {
            return;
        }
        if (password.isBlank()) {
            log.warn("No administrator account exists. Set EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD and restart to create 'admin'.");
            return;
        }
        var problems = policy.check(password, "admin");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD is refused by the password rules: " + problems);
        }
        java.time.Instant now = java.time.Instant.now(clock);
        UserAccount admin = accounts.findByUsername("admin").orElseGet(() -> new UserAccount("admin", "Administrator",
                encoder.encode(password), now));
        Set<Role> roles = EnumSet.copyOf(admin.getRoles().isEmpty() ? Set.of(Role.ADMIN) : admin.getRoles());
        roles.add(Role.ADMIN);
        admin.assign(roles, admin.getProvinceCode(), admin.getOrgUnitIds(), now);
        admin.changePassword(encoder.encode(password), now);
        admin.enable(now);
        accounts.save(admin);
        audit.record("system", AuditAction.CREATE, "UserAccount", admin.getId(), "first administrator from EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD");
        log.warn("Created the first administrator 'admin' from EDUEQUITY_BOOTSTRAP_ADMIN_PASSWORD; change its password after logging in.");
    }
}
