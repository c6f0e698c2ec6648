package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class NationalIdTest {

    /** Independent implementation of the check-digit rule, used to build valid ids for the tests. */
    private static String withCheckDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += Character.getNumericValue(twelveDigits.charAt(i)) * (13 - i);
        }
        return twelveDigits + (11 - sum % 11) % 10;
    }

    private static String wrongCheckDigit(String valid) {
        int last = valid.charAt(12) - '0';
        return valid.substring(0, 12) + (last + 1) % 10;
    }

    private static void assertRejected(String input, String key) {
        assertThatThrownBy(() -> NationalId.of(input))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(key);
                    assertThat(e.rejectedValue()).isEqualTo(input);
                });
        assertThat(NationalId.isValid(input)).isFalse();
    }

    @Test
    void computesCheckDigitOfWorkedExample() {
        // 1*13 + 4*12 + 0*11 + 9*10 + 9*9 + 0*8 + 1*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 = 309; 309 % 11 = 1; 11 - 1 = 10
        assertThat(withCheckDigit("140990123456")).isEqualTo("1409901234560");
        assertThat(NationalId.checkDigit("140990123456")).isZero();
        // 1*13 + 1*12 + 0*11 + 1*10 + 2*9 + 0*8 + 0*7 + 0*6 + 1*5 + 1*4 + 0*3 + 1*2 = 64; 64 % 11 = 9; 11 - 9 = 2
        assertThat(NationalId.checkDigit("110120001101")).isEqualTo(2);
        // sum % 11 == 0 gives 11 % 10 = 1: 0...0 has sum 0
        assertThat(NationalId.checkDigit("000000000000")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"140990123456", "110120001101", "310040012345", "853990000001", "000000000000",
        "999999999999", "123456789012", "560100345678"})
    void acceptsIdsWithCorrectCheckDigitAndRejectsAllOthers(String first12) {
        String valid = withCheckDigit(first12);
        NationalId id = NationalId.of(valid);
        assertThat(id.value()).isEqualTo(valid);
        assertThat(id.isGCode()).isFalse();
        assertThat(NationalId.isValid(valid)).isTrue();

        for (int d = 0; d <= 9; d++) {
            String candidate = first12 + d;
            if (!candidate.equals(valid)) {
                assertRejected(candidate, NationalId.KEY_CHECK_DIGIT);
            }
        }
    }

    @Test
    void detectsSingleDigitTypoInBody() {
        String valid = withCheckDigit("140990123456");
        String typo = "1409901234570"; // 12th digit 6 -> 7, weight 2, sum changes by 2
        assertThat(typo).isNotEqualTo(valid);
        assertRejected(typo, NationalId.KEY_CHECK_DIGIT);
        assertRejected(wrongCheckDigit(valid), NationalId.KEY_CHECK_DIGIT);
    }

    @Test
    void normalisesSpacesDashesAndWhitespace() {
        assertThat(NationalId.of("1-4099-01234-56-0").value()).isEqualTo("1409901234560");
        assertThat(NationalId.of("  1 4099 01234 56 0 ").value()).isEqualTo("1409901234560");
        assertThat(NationalId.of("1\t4099-01234\u00a056 0").value()).isEqualTo("1409901234560");
        assertThat(NationalId.of("1-4099-01234-56-0")).isEqualTo(NationalId.of("1409901234560"));
    }

    @Test
    void formatsAndMasks() {
        NationalId id = NationalId.of("1409901234560");
        assertThat(id.formatted()).isEqualTo("1-4099-01234-56-0");
        assertThat(id.masked()).isEqualTo("1-4099-xxxxx-56-0");
        assertThat(id).hasToString("1409901234560");
        assertThat(NationalId.of(id.formatted())).isEqualTo(id);
    }

    @Test
    void acceptsGCodeWithoutCheckDigit() {
        NationalId g = NationalId.of("g-0001-23456-78-9");
        assertThat(g.value()).isEqualTo("G000123456789");
        assertThat(g.isGCode()).isTrue();
        assertThat(g.formatted()).isEqualTo("G000123456789");
        assertThat(g.masked()).isEqualTo("G0001xxxxx789");
        assertThat(g).hasToString("G000123456789");
        assertThat(NationalId.of("G000123456780").isGCode()).isTrue();
        assertThat(NationalId.isValid(" G 000123456789 ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"140990123456", "14099012345601", "1", "G00012345678", "G0001234567890", "G",
        "1-4099-01234-56", "--1--"})
    void rejectsWrongLength(String input) {
        assertRejected(input, NationalId.KEY_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"14099O1234560", "A409901234560", "1409901234560G", "GG00123456789", "1G09901234560",
        "140990123456x", "1/4099/01234/56/0", "๑๔๐๙๙๐๑๒๓๔๕๖๐", "1409901234560.", "H000123456789"})
    void rejectsIllegalCharacters(String input) {
        assertRejected(input, NationalId.KEY_FORMAT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "---", " - - "})
    void rejectsMissingValue(String input) {
        assertRejected(input, NationalId.KEY_REQUIRED);
    }

    @Test
    void equalityIsByNormalisedValue() {
        NationalId a = NationalId.of("1409901234560");
        NationalId b = NationalId.of(" 1-4099-01234-56-0");
        NationalId c = NationalId.of(withCheckDigit("110120001101"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(NationalId.of("g000123456789")).isEqualTo(NationalId.of("G000123456789"));
    }

    @Test
    void jsonIsThePlainString() {
        JsonMapper mapper = JsonMapper.builder().build();
        NationalId id = NationalId.of("1409901234560");
        assertThat(mapper.writeValueAsString(id)).isEqualTo("\"1409901234560\"");
        assertThat(mapper.readValue("\"1-4099-01234-56-0\"", NationalId.class)).isEqualTo(id);
    }
}
