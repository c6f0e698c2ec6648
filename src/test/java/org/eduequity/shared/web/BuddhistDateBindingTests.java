package org.eduequity.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.eduequity.shared.BuddhistDateFormat;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.support.FormattingConversionService;

/** Screens bind date fields marked {@link BuddhistDateFormat} from Buddhist-era input and print them back. */
@IntegrationTest
class BuddhistDateBindingTests {

    @Autowired
    @Qualifier("mvcConversionService")
    FormattingConversionService conversion;

    static class Form {
        @BuddhistDateFormat
        LocalDate visitedOn;
    }

    @Test
    void bindsBuddhistEraInputAndPrintsItBack() throws Exception {
        TypeDescriptor field = new TypeDescriptor(Form.class.getDeclaredField("visitedOn"));
        TypeDescriptor text = TypeDescriptor.valueOf(String.class);
        assertThat(conversion.convert("22/11/2569", text, field)).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(conversion.convert("2026-11-22", text, field)).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(conversion.convert(LocalDate.of(2027, 1, 2), field, text)).isEqualTo("02/01/2570");
        assertThatThrownBy(() -> conversion.convert("31/02/2569", text, field)).isInstanceOf(ConversionFailedException.class);
        assertThatThrownBy(() -> conversion.convert("22/11/2026", text, field)).isInstanceOf(ConversionFailedException.class);
    }
}
