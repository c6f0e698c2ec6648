package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<List<String>> fields(String text) {
        return Csv.parse(text, 100).stream().map(Csv.Record::fields).toList();
    }

    @Test
    void readsPlainRecordsWithCrlfOrLf() {
        assertThat(fields("a,b,c\r\n1,2,3\r\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
        assertThat(fields("a,b\n1,2")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void keepsEmptyFields() {
        assertThat(fields("a,,c\r\n,\r\n")).containsExactly(List.of("a", "", "c"), List.of("", ""));
        assertThat(fields("\"\"\r\n")).containsExactly(List.of(""));
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        assertThat(fields("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,y,z"))
                .containsExactly(List.of("a,b", "say \"hi\"", "two\r\nlines"), List.of("x", "y", "z"));
    }

    @Test
    void skipsBlankLinesAndTellsWhereRecordsStart() {
        List<Csv.Record> records = Csv.parse("h1,h2\r\n\r\n\"a\nb\",c\r\nd,e\r\n\r\n", 100);
        assertThat(records).extracting(Csv.Record::line).containsExactly(1, 3, 5);
    }

    @Test
    void keepsThaiText() {
        assertThat(fields("โรงเรียนบ้านสำราญ,\"ศูนย์, พัฒนา\"")).containsExactly(List.of("โรงเรียนบ้านสำราญ", "ศูนย์, พัฒนา"));
    }

    @Test
    void refusesBrokenQuoting() {
        assertThatThrownBy(() -> Csv.parse("a,b\r\n\"open,c\r\n", 100))
                .isInstanceOf(Csv.SyntaxException.class).extracting(e -> ((Csv.SyntaxException) e).line()).isEqualTo(2);
        assertThatThrownBy(() -> Csv.parse("\"a\"b,c", 100)).isInstanceOf(Csv.SyntaxException.class);
        assertThatThrownBy(() -> Csv.parse("a\"b,c", 100)).isInstanceOf(Csv.SyntaxException.class);
    }

    @Test
    void stopsAfterTheLimit() {
        assertThat(Csv.parse("1\n2\n3\n", 3)).hasSize(3);
        assertThatThrownBy(() -> Csv.parse("1\n2\n3\n4\n", 3)).isInstanceOf(Csv.TooManyRecordsException.class);
    }
}
