package org.eduequity.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic sends the password with every API call, and an Argon2 check costs tens of milliseconds of CPU
 * by design: verified at every call, it alone caps a 2-core server at about 75 calls a second. This
 * provider remembers, for a few minutes, that a given password was verified against a given stored hash,
 * keyed by a salted SHA-256 of user name and password (the salt is random per process, so the cache says
 * nothing outside it). The account is still loaded at every call, so a disabled or locked account is refused
 * at once, and a changed password changes the stored hash, which no remembered entry matches.
 */
class VerifiedCredentialsCache extends DaoAuthenticationProvider {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 50_000;

    private final byte[] salt = new byte[32];
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    private record Entry(String storedHash, Instant until) {
    }

    VerifiedCredentialsCache(UserDetailsService users, PasswordEncoder encoder, Clock clock) {
        super(users);
        setPasswordEncoder(encoder);
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication) {
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            throw new BadCredentialsException("No password");
        }
        String key = key(user.getUsername(), credentials.toString());
        Instant now = Instant.now(clock);
        Entry entry = verified.get(key);
        if (entry != null && now.isBefore(entry.until()) && entry.storedHash().equals(user.getPassword())) {
            return;
        }
        super.additionalAuthenticationChecks(user, authentication); // throws when the password is wrong
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key, new Entry(user.getPassword(), now.plus(TIME_TO_LIVE)));
    }

    int size() {
        return verified.size();
    }

    private String key(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
