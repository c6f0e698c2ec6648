package org.eduequity.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.time.LocalDate} field or parameter to be bound and printed as a Buddhist-era date
 * ({@code 22/11/2569}) by {@link BuddhistDateFormatAnnotationFormatterFactory}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface BuddhistDateFormat {
}
