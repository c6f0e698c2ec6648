package org.eduequity.disbursement.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.eduequity.disbursement.PaymentRounds;

/**
 * A round's lines as an XLSX workbook, written with POI's streaming SXSSF: at most {@value #WINDOW} rows stay in
 * memory, older rows go to a gzip-compressed temporary file, and the temporary files are deleted by {@link #close()}.
 * The columns are the lines CSV's; the amount is a number (two decimals), every other cell text (national ids keep their
 * digits). A sheet holds at most {@value #ROWS_PER_SHEET} lines; more continue on the next sheet, each with the header.
 * Strings are written inline (no shared-strings table in memory).
 */
final class LinesXlsx implements AutoCloseable {

    static final int WINDOW = 100;
    static final int ROWS_PER_SHEET = 1_048_575; // Excel's 1,048,576 rows, less the header
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final int[] WIDTHS = {14, 16, 16, 16, 8, 12, 16, 11, 24, 16, 12, 10};

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW, true, false);
    private final List<String> header;
    private final String sheetName;
    private final CellStyle headerStyle;
    private final CellStyle amountStyle;
    private SXSSFSheet sheet;
    private int rowInSheet;
    private int sheets;

    LinesXlsx(List<String> header, String sheetName) {
        this.header = header;
        this.sheetName = sheetName;
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        amountStyle = workbook.createCellStyle();
        amountStyle.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        newSheet();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? sheetName : sheetName + " (" + sheets + ")");
        for (int i = 0; i < WIDTHS.length && i < header.size(); i++) {
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        Row row = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellValue(header.get(i));
            cell.setCellStyle(headerStyle);
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 0;
    }

    /** Adds one line (a row). */
    void add(PaymentRounds.Line l) {
        if (rowInSheet == ROWS_PER_SHEET) {
            newSheet();
        }
        SXSSFRow row = sheet.createRow(++rowInSheet);
        text(row, 0, l.lineRef());
        text(row, 1, l.nationalId());
        text(row, 2, l.firstName());
        text(row, 3, l.lastName());
        text(row, 4, l.provinceCode());
        text(row, 5, l.orgUnitCode());
        text(row, 6, l.classification());
        text(row, 7, l.payeeType());
        text(row, 8, l.payeeName());
        text(row, 9, l.payeeAccount());
        SXSSFCell amount = row.createCell(10);
        amount.setCellValue(l.amount().amount().doubleValue());
        amount.setCellStyle(amountStyle);
        text(row, 11, l.status().name());
    }

    private static void text(SXSSFRow row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    /** Writes the workbook (the rows come back from the temporary files as they are zipped). */
    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    /** Deletes the temporary files. */
    @Override
    public void close() throws IOException {
        try {
            workbook.dispose();
        } finally {
            workbook.close();
        }
    }
}
