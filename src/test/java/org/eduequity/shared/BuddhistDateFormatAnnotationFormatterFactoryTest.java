package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.text.ParseException;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DataBinder;

class BuddhistDateFormatAnnotationFormatterFactoryTest {

    private final BuddhistDateFormatAnnotationFormatterFactory factory =
            new BuddhistDateFormatAnnotationFormatterFactory();

    /** Form object used to check binding through a plain {@link DataBinder}. */
    public static class Form {

        @BuddhistDateFormat
        private LocalDate visitDate;

        public LocalDate getVisitDate() {
            return visitDate;
        }

        public void setVisitDate(LocalDate visitDate) {
            this.visitDate = visitDate;
        }
    }

    private static BuddhistDateFormat annotation() throws NoSuchFieldException {
        return Form.class.getDeclaredField("visitDate").getAnnotation(BuddhistDateFormat.class);
    }

    @Test
    void annotationIsRuntimeVisibleOnFieldsAndParameters() throws NoSuchFieldException {
        assertThat(annotation()).isNotNull();
        assertThat(BuddhistDateFormat.class.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
        assertThat(BuddhistDateFormat.class.getAnnotation(Target.class).value())
                .containsExactlyInAnyOrder(ElementType.FIELD, ElementType.PARAMETER);
    }

    @Test
    void supportsLocalDateOnly() {
        assertThat(factory.getFieldTypes()).containsExactly(LocalDate.class);
    }

    @Test
    void printerGivesShortBuddhistForm() throws NoSuchFieldException {
        @SuppressWarnings("unchecked")
        Printer<LocalDate> printer = (Printer<LocalDate>) factory.getPrinter(annotation(), LocalDate.class);
        assertThat(printer.print(LocalDate.of(2026, 11, 22), Locale.ENGLISH)).isEqualTo("22/11/2569");
        assertThat(printer.print(LocalDate.of(2027, 1, 2), Locale.forLanguageTag("th-TH"))).isEqualTo("02/01/2570");
    }

    @Test
    void parserAcceptsBuddhistAndIsoForms() throws Exception {
        Parser<?> parser = factory.getParser(annotation(), LocalDate.class);
        assertThat(parser.parse("22/11/2569", Locale.ENGLISH)).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(parser.parse("2/1/2570", Locale.forLanguageTag("th-TH"))).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(parser.parse("2026-11-22", Locale.ENGLISH)).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void parserWrapsInvalidValueInIllegalArgument() throws NoSuchFieldException {
        Parser<?> parser = factory.getParser(annotation(), LocalDate.class);
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("31/02/2569", Locale.ENGLISH))
                .havingCause()
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.date.invalid"));
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("22/11/2026", Locale.ENGLISH))
                .havingCause()
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.date.format"));
    }

    @Test
    void printThenParseRoundTrips() throws ParseException, NoSuchFieldException {
        @SuppressWarnings("unchecked")
        Printer<LocalDate> printer = (Printer<LocalDate>) factory.getPrinter(annotation(), LocalDate.class);
        Parser<?> parser = factory.getParser(annotation(), LocalDate.class);
        LocalDate date = LocalDate.of(2024, 2, 29);
        assertThat(parser.parse(printer.print(date, Locale.ENGLISH), Locale.ENGLISH)).isEqualTo(date);
    }

    private static BindingResult bind(String value) {
        FormattingConversionService conversion = new FormattingConversionService();
        conversion.addFormatterForFieldAnnotation(new BuddhistDateFormatAnnotationFormatterFactory());
        DataBinder binder = new DataBinder(new Form(), "form");
        binder.setConversionService(conversion);
        binder.bind(new MutablePropertyValues().add("visitDate", value));
        return binder.getBindingResult();
    }

    @Test
    void dataBinderBindsBuddhistDateAndPrintsItBack() {
        BindingResult result = bind("22/11/2569");
        assertThat(result.hasErrors()).isFalse();
        assertThat(((Form) result.getTarget()).getVisitDate()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(result.getFieldValue("visitDate")).isEqualTo("22/11/2569");
    }

    @Test
    void dataBinderReportsTypeMismatchForBadInput() {
        BindingResult result = bind("31/02/2569");
        assertThat(result.getFieldError("visitDate")).isNotNull();
        assertThat(result.getFieldError("visitDate").getCode()).isEqualTo("typeMismatch");
        assertThat(result.getFieldError("visitDate").getRejectedValue()).isEqualTo("31/02/2569");
    }

    @Test
    void dataBinderBindsBlankAsNull() {
        BindingResult result = bind("");
        assertThat(result.hasErrors()).isFalse();
        assertThat(((Form) result.getTarget()).getVisitDate()).isNull();
    }
}
