package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Verified API credentials are remembered briefly, never beyond a password change, a disable or a lock. */
class VerifiedCredentialsCacheTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final AtomicReference<String> storedHash = new AtomicReference<>(bcrypt.encode("correct horse battery"));
    private final AtomicReference<Boolean> enabled = new AtomicReference<>(true);
    private final MutableClock clock = new MutableClock();
    private final VerifiedCredentialsCache provider = new VerifiedCredentialsCache(
            name -> User.withUsername(name).password(storedHash.get()).roles("TEACHER").disabled(!enabled.get()).build(), counting, clock);

    private void login(String password) {
        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kru", password));
    }

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWithinTheTimeToLive() {
        login("correct horse battery");
        login("correct horse battery");
        login("correct horse battery");
        assertThat(checks.get()).isEqualTo(1);
        clock.advance(VerifiedCredentialsCache.TIME_TO_LIVE.plusSeconds(1));
        login("correct horse battery");
        assertThat(checks.get()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndRefused() {
        login("correct horse battery");
        assertThatThrownBy(() -> login("wrong horse battery")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("wrong horse battery")).isInstanceOf(BadCredentialsException.class);
        assertThat(checks.get()).isEqualTo(3);
    }

    @Test
    void aChangedPasswordOrADisabledAccountIsRefusedAtOnce() {
        login("correct horse battery");
        storedHash.set(bcrypt.encode("a new passphrase"));
        assertThatThrownBy(() -> login("correct horse battery")).isInstanceOf(BadCredentialsException.class);
        login("a new passphrase");
        enabled.set(false);
        assertThatThrownBy(() -> login("a new passphrase")).isInstanceOf(DisabledException.class);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
