package org.eduequity.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The two filter chains: the JSON API under {@code /api/**} with HTTP Basic, stateless, errors as
 * problem+json; and the screens with form login, CSRF protection, a new session id at login, and strict
 * security headers. Method security ({@code @PreAuthorize}) guards each use case.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * Argon2id for new hashes (no 72-byte limit, so long Thai passphrases of 3-byte characters work);
     * hashes of other known kinds, bcrypt among them, are still verified.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        java.util.Map<String, PasswordEncoder> encoders = new java.util.HashMap<>();
        encoders.put("argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        encoders.put("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2@SpringSecurity_v5_8", encoders);
    }

    /**
     * The API authenticates every request with HTTP Basic and keeps no session, so it accepts no session
     * cookie and a logged-in browser cannot be made to call it: CSRF tokens, which protect cookie sessions,
     * are not asked of it (see docs/adr/0002-security.md).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ProblemSecurityHandlers problems, UserDetailsService users,
                                 PasswordEncoder encoder, java.time.Clock clock,
                                 org.springframework.security.authentication.AuthenticationEventPublisher events) throws Exception {
        // one provider only (no fallback to the global one, which would check a wrong password twice);
        // the events feed the lockout and the audit log as for form login
        org.springframework.security.authentication.ProviderManager api =
                new org.springframework.security.authentication.ProviderManager(new VerifiedCredentialsCache(users, encoder, clock));
        api.setAuthenticationEventPublisher(events);
        http.securityMatcher("/api/**")
                .authenticationManager(api)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems).realmName("EduEquity"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/fonts/**", "/img/**", "/favicon.svg",
                                "/favicon.ico", "/error", "/actuator/health").permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureHandler(loginFailureHandler()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .exceptionHandling(e -> e.accessDeniedHandler(webAccessDeniedHandler()))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A form posted from a page whose session has ended carries a stale CSRF token: send the user to log in
     * again with an explanation rather than to a bare "forbidden" page. Other refusals are a 403 page.
     */
    private static AccessDeniedHandler webAccessDeniedHandler() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl(); // sendError(403): the error page shows it
        return (request, response, exception) -> {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
            if (exception instanceof CsrfException && !signedIn) {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            } else {
                forbidden.handle(request, response, exception);
            }
        };
    }

    private static AuthenticationFailureHandler loginFailureHandler() {
        return (request, response, exception) -> {
            String reason = exception instanceof LockedException ? "locked"
                    : exception instanceof DisabledException ? "disabled" : "error";
            response.sendRedirect(request.getContextPath() + "/login?" + reason);
        };
    }
}
