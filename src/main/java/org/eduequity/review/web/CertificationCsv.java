package org.eduequity.review.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.eduequity.review.Certifications;
import org.springframework.context.MessageSource;

/** Certified lists and their differences as CSV: UTF-8 with a BOM (so that Excel shows Thai), streamed. */
final class CertificationCsv {

    private CertificationCsv() {
    }

    static void entries(Certifications.Version v, Certifications certifications, MessageSource messages, Locale locale,
                        HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"certified-" + v.provinceCode() + "-"
                + v.term().replace('/', '-') + "-v" + v.version() + ".csv\"");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            line(w, List.of(text(messages, "certification.csv.nationalId", locale), text(messages, "certification.csv.firstName", locale),
                    text(messages, "certification.csv.lastName", locale), text(messages, "certification.csv.orgUnit", locale),
                    text(messages, "certification.csv.classification", locale)));
            certifications.entries(v, e -> line(w, List.of(e.nationalId(), e.firstName(), e.lastName(), e.orgUnitCode(),
                    e.classification().name())));
        }
    }

    static void difference(Certifications.Version from, Certifications.Version to, Certifications certifications,
                           MessageSource messages, Locale locale, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"certified-" + to.provinceCode() + "-"
                + to.term().replace('/', '-') + "-v" + from.version() + "-v" + to.version() + ".csv\"");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            line(w, List.of(text(messages, "certification.csv.change", locale), text(messages, "certification.csv.nationalId", locale),
                    text(messages, "certification.csv.firstName", locale), text(messages, "certification.csv.lastName", locale),
                    text(messages, "certification.csv.orgUnit", locale), text(messages, "certification.csv.before", locale),
                    text(messages, "certification.csv.after", locale)));
            certifications.difference(from, to, c -> line(w, List.of(c.change(), c.nationalId(), c.firstName(), c.lastName(),
                    c.orgUnitCode(), c.before() == null ? "" : c.before().name(), c.after() == null ? "" : c.after().name())));
        }
    }

    private static String text(MessageSource messages, String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static void line(Writer w, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(quote(fields.get(i)));
            }
            w.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quotes a field when needed; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it. */
    static String quote(String s) {
        if (s == null) {
            return "";
        }
        String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
