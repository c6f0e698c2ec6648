package org.eduequity.disbursement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the rows of an XLSX workbook's first sheet one at a time, without building the workbook in memory: the package
 * is opened from a file (ZIP entries read on demand), the sheet's XML is parsed with SAX (POI's {@link XSSFReader} finds
 * the parts), and each row is handed over as soon as it ends. Only the shared-strings table is kept, compactly (UTF-8
 * bytes and offsets, about 16 MB for a million distinct line references), because a row may name any of its strings;
 * it is refused beyond {@link #MAX_SHARED_STRING_BYTES}.
 *
 * <p>A cell's text: a shared or inline string as written; a number as Excel stores it (shortest decimal form, maybe
 * with an exponent), marked numeric so that the caller can read it as an amount or a date serial; a boolean as TRUE or
 * FALSE; an error cell is refused. Blank rows are skipped; missing cells are empty.
 */
final class XlsxRecords {

    /** The shared strings hold at most this many bytes of UTF-8 text. */
    static final int MAX_SHARED_STRING_BYTES = 64 * 1024 * 1024;

    /** One row: its number in the sheet (1-based), its cells' text up to the last cell holding a value, and which are numbers. */
    interface RowHandler {
        void row(int rowNumber, List<String> cells, boolean[] numeric);
    }

    /** Whether the workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
    private boolean date1904;

    boolean date1904() {
        return date1904;
    }

    /**
     * Reads the first sheet of the workbook in the file, row by row. A file that is not an XLSX workbook, or is damaged,
     * is refused with {@link BankReconciliation.BadFileException} ({@code bankResults.error.notXlsx}).
     */
    void read(Path file, RowHandler handler) {
        try (OPCPackage pkg = open(file)) {
            XSSFReader reader = new XSSFReader(pkg);
            checkWorkbook(pkg);
            try (InputStream workbook = reader.getWorkbookData()) {
                parse(workbook, new WorkbookHandler());
            }
            SharedStrings strings = new SharedStrings();
            InputStream sst = sharedStrings(reader);
            if (sst != null) {
                try (sst) {
                    parse(sst, new SharedStringsHandler(strings));
                }
            }
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw notXlsx();
            }
            try (InputStream sheet = sheets.next()) {
                parse(sheet, new SheetHandler(strings, handler));
            }
        } catch (IOException | OpenXML4JException | POIXMLException | OpenXML4JRuntimeException
                 | IllegalArgumentException e) {
            throw notXlsx();
        }
    }

    private static OPCPackage open(Path file) {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException | org.apache.poi.UnsupportedFileFormatException | OpenXML4JRuntimeException e) {
            throw notXlsx();
        }
    }

    /** The package's main part must be a spreadsheet (a Word or PowerPoint file is a ZIP of the same kind). */
    private static void checkWorkbook(OPCPackage pkg) throws InvalidFormatException {
        PackageRelationshipCollection core = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (core.isEmpty()) {
            throw notXlsx();
        }
        PackagePart part = pkg.getPart(core.getRelationship(0));
        String type = part == null ? "" : part.getContentType();
        if (!type.equals(XSSFRelation.WORKBOOK.getContentType()) && !type.equals(XSSFRelation.MACROS_WORKBOOK.getContentType())
                && !type.equals(XSSFRelation.TEMPLATE_WORKBOOK.getContentType())) {
            throw notXlsx();
        }
    }

    private static InputStream sharedStrings(XSSFReader reader) throws IOException {
        try {
            return reader.getSharedStringsData();
        } catch (InvalidFormatException | POIXMLException e) {
            return null;
        }
    }

    static BankReconciliation.BadFileException notXlsx() {
        return new BankReconciliation.BadFileException(0, "bankResults.error.notXlsx");
    }

    private static void parse(InputStream xml, DefaultHandler handler) throws IOException {
        try {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(handler);
            reader.parse(new InputSource(xml));
        } catch (SAXException e) {
            if (e.getCause() instanceof BankReconciliation.BadFileException bad) {
                throw bad;
            }
            if (e.getException() instanceof BankReconciliation.BadFileException bad) {
                throw bad;
            }
            throw notXlsx();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** workbook.xml: only whether dates count from 1904. */
    private final class WorkbookHandler extends DefaultHandler {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("workbookPr".equals(localName)) {
                String v = attributes.getValue("date1904");
                date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
            }
        }
    }

    /** The shared strings, UTF-8 bytes one after another, with where each starts. */
    static final class SharedStrings {
        private byte[] bytes = new byte[64 * 1024];
        private int used;
        private int[] starts = new int[1024];
        private int count;

        void add(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if ((long) used + b.length > MAX_SHARED_STRING_BYTES) {
                throw new BankReconciliation.BadFileException(0, "bankResults.error.xlsxStrings", MAX_SHARED_STRING_BYTES / (1024 * 1024));
            }
            if (used + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX_SHARED_STRING_BYTES, Math.max(bytes.length * 2, used + b.length)));
            }
            if (count + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count] = used;
            System.arraycopy(b, 0, bytes, used, b.length);
            used += b.length;
            count++;
            starts[count] = used;
        }

        String get(int i) {
            if (i < 0 || i >= count) {
                return null;
            }
            return new String(bytes, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8);
        }
    }

    /** sharedStrings.xml: each {@code <si>}'s text (its {@code <t>}, or its runs' {@code <t>}; phonetic runs left out). */
    private static final class SharedStringsHandler extends DefaultHandler {
        private final SharedStrings strings;
        private final StringBuilder text = new StringBuilder();
        private boolean inT;
        private boolean inPhonetic;

        SharedStringsHandler(SharedStrings strings) {
            this.strings = strings;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "si" -> text.setLength(0);
                case "rPh" -> inPhonetic = true;
                case "t" -> inT = !inPhonetic;
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> strings.add(text.toString());
                case "rPh" -> inPhonetic = false;
                case "t" -> inT = false;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inT) {
                text.append(ch, start, length);
            }
        }
    }

    /** A sheet's rows, handed over one by one. */
    private static final class SheetHandler extends DefaultHandler {
        private static final int MAX_CELL = 32_767; // Excel's own limit of a cell's text

        private final SharedStrings strings;
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private boolean[] numeric = new boolean[16];
        private final StringBuilder value = new StringBuilder();
        private int rowNumber;
        private int column;
        private String type;
        private String cellRef;
        private boolean inValue;
        private boolean inInline;
        private boolean inPhonetic;

        SheetHandler(SharedStrings strings, RowHandler handler) {
            this.strings = strings;
            this.handler = handler;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    cells.clear();
                    Arrays.fill(numeric, false);
                    column = 0;
                }
                case "c" -> {
                    cellRef = attributes.getValue("r");
                    if (cellRef != null) {
                        column = column(cellRef);
                    }
                    type = attributes.getValue("t");
                    value.setLength(0);
                }
                case "v" -> inValue = true;
                case "is" -> inInline = true;
                case "rPh" -> inPhonetic = true;
                case "t" -> inValue = inInline && !inPhonetic;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue && value.length() < MAX_CELL) {
                value.append(ch, start, Math.min(length, MAX_CELL - value.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "is" -> inInline = false;
                case "rPh" -> inPhonetic = false;
                case "c" -> {
                    cell();
                    column++;
                }
                case "row" -> {
                    int last = cells.size() - 1;
                    while (last >= 0 && cells.get(last).isEmpty()) {
                        last--;
                    }
                    if (last >= 0) {
                        handler.row(rowNumber, new ArrayList<>(cells.subList(0, last + 1)), Arrays.copyOf(numeric, last + 1));
                    }
                }
                default -> { }
            }
        }

        private void cell() {
            String text;
            boolean number = false;
            String t = type == null ? "n" : type;
            switch (t) {
                case "s" -> {
                    String v = value.toString().strip();
                    String s = null;
                    try {
                        s = strings.get(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        // refused below
                    }
                    if (s == null) {
                        throw notXlsx();
                    }
                    text = s;
                }
                case "inlineStr", "str" -> text = value.toString();
                case "b" -> text = value.toString().strip().equals("1") ? "TRUE" : value.isEmpty() ? "" : "FALSE";
                case "e" -> throw new BankReconciliation.BadFileException(rowNumber, "bankResults.error.xlsxErrorCell",
                        cellRef == null ? "" : cellRef, value.toString());
                default -> {
                    text = value.toString().strip();
                    number = !text.isEmpty();
                }
            }
            if (column > 16_383) {
                throw notXlsx();
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            if (numeric.length <= column) {
                numeric = Arrays.copyOf(numeric, Math.max(numeric.length * 2, column + 1));
            }
            cells.set(column, text);
            numeric[column] = number;
        }

        /** The 0-based column of a cell reference such as {@code C12}. */
        private static int column(String ref) {
            int col = 0;
            int i = 0;
            while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
                col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
                i++;
            }
            if (i == 0 || col > 16_384) {
                throw notXlsx();
            }
            return col - 1;
        }
    }
}
