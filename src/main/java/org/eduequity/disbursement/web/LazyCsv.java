package org.eduequity.disbursement.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A CSV download (UTF-8 with a BOM, so that Excel shows Thai) that touches the response only when the first row
 * arrives: a refusal found before that (a round in the wrong state) can still answer as an error page or problem+json.
 */
final class LazyCsv {

    private final HttpServletResponse response;
    private final String fileName;
    private final String header;
    private Writer writer;

    LazyCsv(HttpServletResponse response, String fileName, String header) {
        this.response = response;
        this.fileName = fileName;
        this.header = header;
    }

    /** The writer, after the BOM and the header line. */
    Writer open() {
        if (writer == null) {
            try {
                response.setContentType("text/csv; charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
                writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                writer.write('\uFEFF');
                writer.write(header);
                writer.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return writer;
    }

    /** Ends the download (the header alone when there were no rows); not called when the export failed. */
    void finish() throws IOException {
        open().close();
    }
}
