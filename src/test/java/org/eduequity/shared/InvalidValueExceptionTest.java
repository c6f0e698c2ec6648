package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

    @Test
    void carriesKeyRejectedValueAndReadableMessage() {
        InvalidValueException e = new InvalidValueException("validation.x", "abc");

        assertThat(e).isInstanceOf(RuntimeException.class);
        assertThat(e.messageKey()).isEqualTo("validation.x");
        assertThat(e.rejectedValue()).isEqualTo("abc");
        assertThat(e.getMessage()).contains("validation.x").contains("abc");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void keepsCauseAndAllowsNullRejectedValue() {
        ArithmeticException cause = new ArithmeticException("boom");
        InvalidValueException e = new InvalidValueException("validation.y", null, cause);

        assertThat(e.rejectedValue()).isNull();
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void requiresKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InvalidValueException(" ", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvalidValueException(null, "v"));
    }
}
