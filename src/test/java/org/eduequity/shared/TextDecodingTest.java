package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextDecodingTest {

    private static final String THAI = "ด.ญ. มะลิ ใจดี,\"ป.1\"\r\n";

    private static byte[] withBom(byte[] b) {
        byte[] out = new byte[b.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(b, 0, out, 3, b.length);
        return out;
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() {
        byte[] utf8 = THAI.getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoding.utf8OrThai(utf8)).isEqualTo(new TextDecoding.Decoded(THAI, StandardCharsets.UTF_8));
        assertThat(TextDecoding.utf8OrThai(withBom(utf8))).isEqualTo(new TextDecoding.Decoded(THAI, StandardCharsets.UTF_8));
        assertThat(TextDecoding.utf8(withBom(utf8))).isEqualTo(THAI);
    }

    @Test
    void readsWindows874AndTis620AsExcelOnThaiWindowsSavesThem() {
        byte[] windows874 = THAI.getBytes(Charset.forName("x-windows-874"));
        byte[] tis620 = THAI.getBytes(Charset.forName("TIS-620"));
        assertThat(windows874).hasSize(THAI.length()); // one byte per Thai letter
        assertThat(TextDecoding.utf8OrThai(windows874)).isEqualTo(new TextDecoding.Decoded(THAI, TextDecoding.WINDOWS_874));
        assertThat(TextDecoding.utf8OrThai(tis620).text()).isEqualTo(THAI);
        assertThat(Csv.parse(TextDecoding.utf8OrThai(windows874).text(), 10).get(0).fields()).isEqualTo(List.of("ด.ญ. มะลิ ใจดี", "ป.1"));
        // Windows-874 extras beyond TIS-620: the euro sign and typographic quotes
        String extras = "€ “มะลิ”";
        assertThat(TextDecoding.utf8OrThai(extras.getBytes(TextDecoding.WINDOWS_874)).text()).isEqualTo(extras);
    }

    @Test
    void strictUtf8RefusesThaiCodePages() {
        assertThatThrownBy(() -> TextDecoding.utf8(THAI.getBytes(TextDecoding.WINDOWS_874)))
                .isInstanceOf(TextDecoding.NotTextException.class);
    }

    @Test
    void refusesWhatIsNeitherUtf8NorWindows874() {
        // UTF-16 ("Unicode text" in Excel): NUL bytes in the ASCII letters; with a byte-order mark 0xFF is not Windows-874
        assertThatThrownBy(() -> TextDecoding.utf8OrThai("national_id,มะลิ".getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(TextDecoding.NotTextException.class);
        assertThatThrownBy(() -> TextDecoding.utf8OrThai(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}))
                .isInstanceOf(TextDecoding.NotTextException.class);
        assertThatThrownBy(() -> TextDecoding.utf8OrThai(new byte[] {'a', 0, 'b'}))
                .isInstanceOf(TextDecoding.NotTextException.class);
    }
}
