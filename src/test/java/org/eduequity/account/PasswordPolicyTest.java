package org.eduequity.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ASVS level 2 password rules with the shipped common-password list. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsALargeCommonPasswordList() {
        assertThat(policy.commonPasswordCount()).isGreaterThan(10_000);
    }

    @Test
    void refusesShortPasswords() {
        assertThat(policy.check("abc1234", "somchai")).containsExactly("password.rule.tooShort");
        assertThat(policy.check("", "somchai")).containsExactly("password.rule.required");
        assertThat(policy.check(null, "somchai")).containsExactly("password.rule.required");
    }

    @Test
    void acceptsLongPassphrasesWithoutCompositionRules() {
        assertThat(policy.check("ครูสมศรีไปเยี่ยมบ้านทุกวันพุธ", "somsri")).isEmpty();
        assertThat(policy.check("all lower case words are fine", "somsri")).isEmpty();
        assertThat(policy.check("x".repeat(64) + " passphrase", "somsri")).isEmpty();
        assertThat(policy.check("a".repeat(129), "somsri")).containsExactly("password.rule.tooLong");
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(policy.check("ขอนแก่นดี", "u")).isEmpty(); // 9 Thai characters
        assertThat(policy.check("ขอนแก่น", "u")).containsExactly("password.rule.tooShort"); // 7
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertThat(policy.check("password", "somchai")).contains("password.rule.common");
        assertThat(policy.check("PassWord", "somchai")).contains("password.rule.common");
        assertThat(policy.check("12345678", "somchai")).contains("password.rule.common");
        assertThat(policy.check("qwertyuiop", "somchai")).contains("password.rule.common");
    }

    @Test
    void refusesThePasswordEqualToTheUsername() {
        assertThat(policy.check("somchai.k", "Somchai.K")).containsExactly("password.rule.sameAsUsername");
    }
}
