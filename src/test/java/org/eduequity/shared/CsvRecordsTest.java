package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV reader of the bank-results and student-care imports: RFC 4180 records, their lines, and each broken rule. */
class CsvRecordsTest {

    private record Read(List<List<String>> records, List<Integer> lines) {
    }

    private static Read read(String text) throws IOException {
        CsvRecords csv = new CsvRecords(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> r;
        while ((r = csv.next()) != null) {
            records.add(r);
            lines.add(csv.recordLine());
        }
        return new Read(records, lines);
    }

    @Test
    void readsFieldsQuotesAndEveryLineEnding() throws IOException {
        Read r = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\nlast,\"two\nlines\",z\rcr,only\n");
        assertThat(r.records()).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", ""),
                List.of("last", "two\nlines", "z"), List.of("cr", "only"));
        // the blank line 3 is skipped; a record spanning two lines starts on the first of them
        assertThat(r.lines()).containsExactly(1, 2, 4, 6);
        assertThat(read("").records()).isEmpty();
        assertThat(read("no end of line").records()).containsExactly(List.of("no end of line"));
        assertThat(read("ก,ข\n").records()).containsExactly(List.of("ก", "ข"));
    }

    @Test
    void namesTheRuleAndTheLineOfABrokenFile() {
        assertThatThrownBy(() -> read("a\n\"open,b\nc\n")).isInstanceOfSatisfying(CsvRecords.SyntaxException.class, e -> {
            assertThat(e.rule()).isEqualTo("unclosedQuote");
            assertThat(e.line()).isEqualTo(2);
        });
        assertThatThrownBy(() -> read("a\nb\n\"q\"x,1\n")).isInstanceOfSatisfying(CsvRecords.SyntaxException.class, e -> {
            assertThat(e.rule()).isEqualTo("textAfterQuote");
            assertThat(e.line()).isEqualTo(3);
        });
        assertThatThrownBy(() -> read("ab\"c,1\n")).isInstanceOfSatisfying(CsvRecords.SyntaxException.class, e -> {
            assertThat(e.rule()).isEqualTo("quoteInField");
            assertThat(e.line()).isEqualTo(1);
        });
        assertThatThrownBy(() -> read("x\n" + "9".repeat(CsvRecords.MAX_FIELD + 1) + "\n"))
                .isInstanceOfSatisfying(CsvRecords.SyntaxException.class, e -> {
                    assertThat(e.rule()).isEqualTo("fieldTooLong");
                    assertThat(e.line()).isEqualTo(2);
                });
    }
}
