package org.eduequity.shared;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.Parser;
import org.springframework.format.Printer;

/**
 * Spring formatter factory that prints {@link BuddhistDateFormat}-annotated {@link LocalDate}s with
 * {@link BuddhistDate#formatShort(LocalDate)} and parses them with {@link BuddhistDate#parse(String)}.
 *
 * <p>Parse failures are thrown as {@link IllegalArgumentException} whose cause is the {@link InvalidValueException},
 * so data binding reports a {@code typeMismatch} error. Blank input never reaches the parser: Spring binds it as
 * {@code null}.
 */
public class BuddhistDateFormatAnnotationFormatterFactory implements AnnotationFormatterFactory<BuddhistDateFormat> {

    private static final Printer<LocalDate> PRINTER = (date, locale) -> BuddhistDate.formatShort(date);

    private static final Parser<LocalDate> PARSER = BuddhistDateFormatAnnotationFormatterFactory::parse;

    @Override
    public Set<Class<?>> getFieldTypes() {
        return Set.of(LocalDate.class);
    }

    @Override
    public Printer<LocalDate> getPrinter(BuddhistDateFormat annotation, Class<?> fieldType) {
        return PRINTER;
    }

    @Override
    public Parser<LocalDate> getParser(BuddhistDateFormat annotation, Class<?> fieldType) {
        return PARSER;
    }

    private static LocalDate parse(String text, Locale locale) {
        try {
            return BuddhistDate.parse(text);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
