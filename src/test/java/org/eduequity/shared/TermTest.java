package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class TermTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-11-22, 2569/2",
        "2027-03-01, 2569/2",
        "2027-05-15, 2569/2",
        "2027-05-16, 2570/1",
        "2026-05-16, 2569/1",
        "2026-05-15, 2568/2",
        "2026-10-31, 2569/1",
        "2026-11-01, 2569/2",
        "2026-12-31, 2569/2",
        "2027-01-01, 2569/2",
        "2026-01-01, 2568/2",
        "2026-07-15, 2569/1",
        "2028-02-29, 2570/2"
    })
    void containingFollowsThaiSchoolCalendar(LocalDate date, String expected) {
        Term term = Term.containing(date);
        assertThat(term).hasToString(expected);
        assertThat(term.contains(date)).isTrue();
        assertThat(term.next().contains(date)).isFalse();
        assertThat(term.previous().contains(date)).isFalse();
    }

    @Test
    void startAndEndDatesAreInclusiveBounds() {
        Term first = Term.of(2569, 1);
        assertThat(first.startDate()).isEqualTo(LocalDate.of(2026, 5, 16));
        assertThat(first.endDate()).isEqualTo(LocalDate.of(2026, 10, 31));

        Term second = Term.of(2569, 2);
        assertThat(second.startDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(second.endDate()).isEqualTo(LocalDate.of(2027, 5, 15));

        assertThat(first.contains(LocalDate.of(2026, 5, 15))).isFalse();
        assertThat(first.contains(LocalDate.of(2026, 5, 16))).isTrue();
        assertThat(first.contains(LocalDate.of(2026, 10, 31))).isTrue();
        assertThat(first.contains(LocalDate.of(2026, 11, 1))).isFalse();
        assertThat(second.contains(LocalDate.of(2027, 5, 15))).isTrue();
        assertThat(second.contains(LocalDate.of(2027, 5, 16))).isFalse();
    }

    @Test
    void consecutiveTermsTileTheCalendarWithoutGapsOrOverlap() {
        Term term = Term.of(2560, 1);
        for (int i = 0; i < 40; i++) {
            Term next = term.next();
            assertThat(next.startDate()).isEqualTo(term.endDate().plusDays(1));
            assertThat(Term.containing(term.startDate())).isEqualTo(term);
            assertThat(Term.containing(term.endDate())).isEqualTo(term);
            term = next;
        }
    }

    @Test
    void everyDayOfTwoYearsBelongsToExactlyOneTerm() {
        List<Term> around = List.of(Term.of(2568, 2), Term.of(2569, 1), Term.of(2569, 2), Term.of(2570, 1),
                Term.of(2570, 2));
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.isBefore(LocalDate.of(2028, 1, 1)); d = d.plusDays(1)) {
            LocalDate day = d;
            assertThat(around.stream().filter(t -> t.contains(day)).toList()).containsExactly(Term.containing(day));
        }
    }

    @Test
    void nextAndPreviousStepThroughTerms() {
        assertThat(Term.of(2569, 1).next()).isEqualTo(Term.of(2569, 2));
        assertThat(Term.of(2569, 2).next()).isEqualTo(Term.of(2570, 1));
        assertThat(Term.of(2570, 1).previous()).isEqualTo(Term.of(2569, 2));
        assertThat(Term.of(2569, 2).previous()).isEqualTo(Term.of(2569, 1));
        assertThat(Term.of(2569, 1).next().previous()).isEqualTo(Term.of(2569, 1));
        assertThat(Term.of(2569, 2).previous().next()).isEqualTo(Term.of(2569, 2));
    }

    @Test
    void accessorsAndToString() {
        Term term = Term.of(2569, 2);
        assertThat(term.beYear()).isEqualTo(2569);
        assertThat(term.number()).isEqualTo(2);
        assertThat(term).hasToString("2569/2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2569/1", "2569/2", "2300/1", "2400/1", "2700/2"})
    void parseRoundTrips(String text) {
        assertThat(Term.parse(text)).hasToString(text);
        assertThat(Term.parse(Term.parse(text).toString())).isEqualTo(Term.parse(text));
    }

    @Test
    void parseIgnoresSurroundingWhitespaceOnly() {
        assertThat(Term.parse(" 2569/1 ")).isEqualTo(Term.of(2569, 1));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2569", "2569/", "/1", "2569-1", "2569 / 1", "2569/01", "69/1", "25691/1", "2569/1/1",
        "2569/a", "๒๕๖๙/๑", "2569/12", "2569/1 x", " "})
    void parseRejectsMalformedText(String text) {
        assertThatThrownBy(() -> Term.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("validation.term.format");
                    assertThat(e.rejectedValue()).isEqualTo(text);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2569/0", "2569/3", "2569/9"})
    void parseRejectsTermNumber(String text) {
        assertThatThrownBy(() -> Term.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.term.number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026/1", "2299/2", "2701/1", "0000/1"})
    void parseRejectsYearOutsideBuddhistEraRange(String text) {
        assertThatThrownBy(() -> Term.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.term.year"));
    }

    @Test
    void ofValidatesComponents() {
        assertThatThrownBy(() -> Term.of(2569, 3))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("validation.term.number");
                    assertThat(e.rejectedValue()).isEqualTo(3);
                });
        assertThatThrownBy(() -> Term.of(2026, 1))
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.term.year"));
        assertThatThrownBy(() -> new Term(2569, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void endDateOfLastSupportedTermDoesNotOverflow() {
        assertThat(Term.of(2700, 2).endDate()).isEqualTo(LocalDate.of(2158, 5, 15));
    }

    @Test
    void ordersChronologically() {
        List<Term> terms = new ArrayList<>(List.of(Term.of(2570, 1), Term.of(2569, 2), Term.of(2568, 2),
                Term.of(2569, 1)));
        Collections.sort(terms);
        assertThat(terms).extracting(Term::toString).containsExactly("2568/2", "2569/1", "2569/2", "2570/1");
        assertThat(Term.of(2569, 2).compareTo(Term.of(2570, 1))).isNegative();
        assertThat(Term.of(2570, 1).compareTo(Term.of(2569, 2))).isPositive();
        assertThat(Term.of(2569, 1).compareTo(Term.parse("2569/1"))).isZero();
        assertThat(Term.of(2569, 1).startDate()).isBefore(Term.of(2569, 2).startDate());
    }

    @Test
    void equalityIsByValue() {
        assertThat(Term.parse("2569/1")).isEqualTo(Term.of(2569, 1)).hasSameHashCodeAs(Term.of(2569, 1))
                .isNotEqualTo(Term.of(2569, 2)).isNotEqualTo(Term.of(2570, 1));
    }

    @Test
    void jsonIsTheTextForm() {
        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(mapper.writeValueAsString(Term.of(2569, 1))).isEqualTo("\"2569/1\"");
        assertThat(mapper.readValue("\"2569/2\"", Term.class)).isEqualTo(Term.of(2569, 2));
    }
}
