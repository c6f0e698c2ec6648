package org.eduequity.disbursement.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

import org.eduequity.disbursement.RoundSummaries;
import org.eduequity.shared.BuddhistDate;
import org.springframework.context.MessageSource;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The PDF summary of one province of a payment round (OpenPDF): the round, programme, term and province, the province's
 * figures, a table by district and a table by organisation unit (children, lines, amount, paid, failed), written to the
 * response as the units arrive from the database (the unit table is added to the document every {@value #FLUSH_ROWS}
 * rows, so finished pages leave memory). Thai is set in Waree (TLWG, embedded as a subset); OpenPDF's
 * {@link LayoutProcessor} lays each text run out with the JDK's shaping engine, which places Thai vowels and tone marks.
 */
final class ProvinceSummaryPdf {

    private static final int FLUSH_ROWS = 200;
    private static final String REGULAR = "fonts/waree/Waree.ttf";
    private static final String BOLD = "fonts/waree/Waree-Bold.ttf";

    private static BaseFont regular;
    private static BaseFont bold;

    private ProvinceSummaryPdf() {
    }

    /** The fonts, created once; the layout processor must be on before a font is created. */
    private static synchronized BaseFont[] fonts() {
        if (regular == null) {
            LayoutProcessor.enableKernLiga();
            LayoutProcessor.setWriteActualText();
            try {
                regular = BaseFont.createFont(REGULAR, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                bold = BaseFont.createFont(BOLD, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (IOException e) {
                throw new UncheckedIOException("the PDF font " + REGULAR + " cannot be read", e);
            }
        }
        return new BaseFont[] {regular, bold};
    }

    /** What the document says: the round's programme name in the reader's language, its status, when it was made. */
    record Heading(String programmeName, String status, Instant generatedAt) {
    }

    /** Writes the summary; {@code units} streams the province's units to the consumer it is given. */
    static void write(OutputStream out, RoundSummaries.ProvinceSummary summary, Heading heading, Consumer<Consumer<RoundSummaries.Row>> units,
                      MessageSource messages, Locale locale) {
        BaseFont[] fonts = fonts();
        Font title = new Font(fonts[1], 15);
        Font label = new Font(fonts[1], 9);
        Font text = new Font(fonts[0], 9);
        Font small = new Font(fonts[0], 8);
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            RoundSummaries.Row province = summary.province();
            boolean thai = "th".equals(locale.getLanguage());
            String provinceName = province.nameTh() + (thai ? "" : " (" + province.nameEn() + ")");
            document.addTitle(msg(messages, locale, "disbursement.pdf.title", provinceName, String.valueOf(summary.round().id())));
            document.addCreator("EduEquity");
            document.open();

            Paragraph head = new Paragraph(msg(messages, locale, "disbursement.pdf.title", provinceName, String.valueOf(summary.round().id())), title);
            head.setSpacingAfter(6);
            document.add(head);
            PdfPTable facts = new PdfPTable(new float[] {1.3f, 4f, 1.3f, 4f});
            facts.setWidthPercentage(100);
            fact(facts, msg(messages, locale, "disbursement.pdf.round"), "R" + summary.round().id() + " · " + heading.status(), label, text);
            fact(facts, msg(messages, locale, "disbursement.pdf.programme"), heading.programmeName() + " (" + summary.round().programmeCode() + ")",
                    label, text);
            fact(facts, msg(messages, locale, "disbursement.pdf.term"), summary.round().term(), label, text);
            fact(facts, msg(messages, locale, "disbursement.pdf.province"), provinceName + " (" + province.code() + ")", label, text);
            fact(facts, msg(messages, locale, "disbursement.pdf.generatedAt"),
                    BuddhistDate.formatDateTime(heading.generatedAt(), BuddhistDate.BANGKOK, locale), label, text);
            fact(facts, "", "", label, text);
            facts.setSpacingAfter(8);
            document.add(facts);

            document.add(section(msg(messages, locale, "disbursement.pdf.byDistrict"), label));
            PdfPTable districts = figuresTable(new float[] {5f}, messages, locale, label, msg(messages, locale, "disbursement.pdf.district"));
            for (RoundSummaries.Row d : summary.districts()) {
                figuresRow(districts, new String[] {d.nameTh() + (thai ? "" : " (" + d.nameEn() + ")")}, d.figures(), text);
            }
            figuresRow(districts, new String[] {msg(messages, locale, "disbursement.pdf.total")}, province.figures(), label);
            districts.setSpacingAfter(8);
            document.add(districts);

            document.add(section(msg(messages, locale, "disbursement.pdf.byOrgUnit"), label));
            PdfPTable unitTable = figuresTable(new float[] {1.1f, 1.7f, 3.6f}, messages, locale, label,
                    msg(messages, locale, "disbursement.pdf.orgUnitCode"), msg(messages, locale, "disbursement.pdf.district"),
                    msg(messages, locale, "disbursement.pdf.orgUnit"));
            unitTable.setComplete(false);
            java.util.Map<String, String> districtNames = new java.util.HashMap<>();
            summary.districts().forEach(d -> districtNames.put(d.code(), d.nameTh()));
            int[] rows = {0};
            units.accept(u -> {
                figuresRow(unitTable, new String[] {u.code(), districtNames.getOrDefault(u.districtCode(), u.districtCode()),
                        u.nameTh() + (thai || u.nameEn() == null ? "" : " (" + u.nameEn() + ")")}, u.figures(), small);
                if (++rows[0] % FLUSH_ROWS == 0) {
                    try {
                        document.add(unitTable);
                    } catch (DocumentException e) {
                        throw new IllegalStateException("the PDF summary could not be written", e);
                    }
                }
            });
            figuresRow(unitTable, new String[] {"", "", msg(messages, locale, "disbursement.pdf.total")}, province.figures(), label);
            unitTable.setComplete(true);
            document.add(unitTable);
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF summary could not be written", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
    }

    private static String msg(MessageSource messages, Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static Paragraph section(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingAfter(4);
        return p;
    }

    private static void fact(PdfPTable table, String name, String value, Font label, Font text) {
        table.addCell(cell(name, label, Element.ALIGN_LEFT));
        table.addCell(cell(value, text, Element.ALIGN_LEFT));
    }

    private static PdfPCell cell(String text, Font font, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(align);
        cell.setPaddingTop(2);
        cell.setPaddingBottom(5);
        cell.setBorderWidth(0.4f);
        return cell;
    }

    /** A table of the given text columns followed by the five figures, with its header row repeated on each page. */
    private static PdfPTable figuresTable(float[] textWidths, MessageSource messages, Locale locale, Font label, String... names) {
        float[] widths = new float[textWidths.length + 5];
        System.arraycopy(textWidths, 0, widths, 0, textWidths.length);
        float[] figureWidths = {1.2f, 1.2f, 1.8f, 1.2f, 1.2f};
        System.arraycopy(figureWidths, 0, widths, textWidths.length, 5);
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String name : names) {
            table.addCell(cell(name, label, Element.ALIGN_LEFT));
        }
        for (String key : new String[] {"children", "lines", "amount", "paid", "failed"}) {
            table.addCell(cell(msg(messages, locale, "disbursement.pdf." + key), label, Element.ALIGN_RIGHT));
        }
        return table;
    }

    private static void figuresRow(PdfPTable table, String[] texts, RoundSummaries.Figures f, Font font) {
        for (String t : texts) {
            table.addCell(cell(t == null ? "" : t, font, Element.ALIGN_LEFT));
        }
        table.addCell(cell(count(f.children()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(count(f.lines()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(amount(f.amount().amount()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(count(f.paid()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(count(f.failed()), font, Element.ALIGN_RIGHT));
    }

    /** A count as the screens show it: 1,234. */
    static String count(long n) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
    }

    /** An amount as the screens show it, without the currency word: 1,234.00. */
    static String amount(BigDecimal amount) {
        return org.eduequity.shared.Money.grouped(amount);
    }
}
