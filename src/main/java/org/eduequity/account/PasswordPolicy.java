package org.eduequity.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules of OWASP ASVS level 2 (V2.1): at least 8 characters, long passphrases allowed (up to
 * 128), any characters and no composition rules, and refused when found in a list of common passwords
 * shipped with the application or when equal to the user name.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this(loadCommonPasswords());
    }

    PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /** Message keys of every rule the password breaks; empty when it is acceptable. */
    public List<String> check(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("password.rule.required");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("password.rule.tooShort");
        }
        if (length > MAX_LENGTH) {
            problems.add("password.rule.tooLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            problems.add("password.rule.common");
        }
        if (username != null && lower.equals(username.trim().toLowerCase(Locale.ROOT))) {
            problems.add("password.rule.sameAsUsername");
        }
        return problems;
    }

    int commonPasswordCount() {
        return common.size();
    }

    private static Set<String> loadCommonPasswords() {
        ClassPathResource resource = new ClassPathResource("security/common-passwords.txt");
        Set<String> passwords = new HashSet<>();
        try (InputStream in = resource.getInputStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String p = line.trim();
                if (!p.isEmpty() && !p.startsWith("#")) {
                    passwords.add(p.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The common-password list security/common-passwords.txt is missing", e);
        }
        return Set.copyOf(passwords);
    }
}
