package org.eduequity.studentcare.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.eduequity.geography.Geography;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.studentcare.CareArea;
import org.eduequity.studentcare.CareDashboard;
import org.eduequity.studentcare.RiskLevel;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The head's and province's dashboard: counts of students by level, area × level, grade × level and school × level for
 * a term, filtered by district and unit (a teacher: their units; a province user: the province; the fund office and
 * admin: a chosen province); the counts and the students of the filter exported as CSV (UTF-8 with a BOM) or XLSX,
 * each export audited.
 */
@Controller
@RequestMapping("/care/dashboard")
@PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
class CareDashboardController {

    private final CareDashboard dashboard;
    private final CurrentArea area;
    private final Geography geography;
    private final MessageSource messages;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CareDashboardController(CareDashboard dashboard, CurrentArea area, Geography geography, MessageSource messages, JdbcTemplate jdbc,
                            Clock clock) {
        this.dashboard = dashboard;
        this.area = area;
        this.geography = geography;
        this.messages = messages;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private CareDashboard.Filter filter(String term, String province, String district, String unit, String grade, String level, String area) {
        AreaScope scope = this.area.scope();
        String p = province;
        if (scope instanceof AreaScope.National && (p == null || p.isBlank())) {
            p = jdbc.queryForObject("SELECT min(province_code) FROM child", String.class);
        }
        CareDashboard.Filter f = CareFilters.filter(clock, scope, term, p, district, unit, grade, level, area);
        if (f.provinceCode() != null && !scope.coversProvince(f.provinceCode()) && !(scope instanceof AreaScope.OrgUnits)) {
            throw new AccessDeniedException("province outside the caller's area");
        }
        if (f.orgUnitId() != null && dashboard.units(f.provinceCode(), null).stream().noneMatch(u -> u.id() == f.orgUnitId())) {
            throw new AccessDeniedException("unit outside the caller's area");
        }
        return f;
    }

    @GetMapping
    String counts(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                  @RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                  @RequestParam(required = false) String grade, Model model) {
        CareDashboard.Filter f = filter(term, province, district, unit, grade, null, null);
        Locale locale = LocaleContextHolder.getLocale();
        AreaScope scope = area.scope();
        boolean teacher = scope instanceof AreaScope.OrgUnits;
        model.addAttribute("filter", f);
        model.addAttribute("terms", CareFilters.terms(clock, f.term()));
        model.addAttribute("provinces", scope instanceof AreaScope.National ? geography.provinces() : List.of());
        model.addAttribute("province", f.provinceCode() == null ? null : geography.province(f.provinceCode()).orElse(null));
        model.addAttribute("districts", teacher || f.provinceCode() == null ? List.of() : geography.districts(f.provinceCode()));
        model.addAttribute("units", dashboard.units(f.provinceCode(), f.districtCode()));
        model.addAttribute("grades", dashboard.grades(f.provinceCode()));
        model.addAttribute("levels", CareDashboard.LEVELS);
        CareDashboard.Counts counts = dashboard.counts(f, locale);
        model.addAttribute("counts", counts);
        long max = counts.levels().values().stream().mapToLong(Long::longValue).max().orElse(0);
        model.addAttribute("largest", Math.max(1, max));
        model.addAttribute("canListStudents", !(scope instanceof AreaScope.National) || f.provinceCode() != null);
        // the counts lead to the class page's students for those who may open it (not the fund office)
        model.addAttribute("classLinks", !(scope instanceof AreaScope.National) || org.springframework.security.core.context.SecurityContextHolder
                .getContext().getAuthentication().getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")));
        return "care/dashboard";
    }

    // ----- exports ---------------------------------------------------------------------------------------------

    private List<String> countHeaders(Locale locale) {
        List<String> h = new ArrayList<>(List.of(msg("care.export.table", locale), msg("care.export.group", locale)));
        for (RiskLevel l : CareDashboard.LEVELS) {
            h.add(msg("care.level." + l, locale));
        }
        h.add(msg("care.export.total", locale));
        return h;
    }

    private List<List<Object>> countRows(CareDashboard.Counts c, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(line(msg("care.dashboard.byLevel", locale), msg("care.export.all", locale), new CareDashboard.Line("", "", c.levels())));
        for (CareDashboard.Line l : c.areas()) {
            rows.add(line(msg("care.dashboard.byArea", locale), msg("care.area." + l.key(), locale), l));
        }
        for (CareDashboard.Line l : c.grades()) {
            rows.add(line(msg("care.dashboard.byGrade", locale), l.label(), l));
        }
        for (CareDashboard.Line l : c.schools()) {
            rows.add(line(msg("care.dashboard.bySchool", locale), l.key() + " " + l.label(), l));
        }
        return rows;
    }

    private static List<Object> line(String table, String group, CareDashboard.Line l) {
        List<Object> r = new ArrayList<>(List.of(table, group));
        for (RiskLevel level : CareDashboard.LEVELS) {
            r.add(l.of(level));
        }
        r.add(l.total());
        return r;
    }

    @GetMapping("/counts.csv")
    void countsCsv(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                   @RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                   @RequestParam(required = false) String grade, HttpServletResponse response) throws IOException {
        CareDashboard.Filter f = filter(term, province, district, unit, grade, null, null);
        Locale locale = LocaleContextHolder.getLocale();
        CareDashboard.Counts c = dashboard.counts(f, locale);
        dashboard.auditCountsExport(f, "CSV");
        Writer w = csv(response, fileName("care-counts", f) + ".csv");
        csvLine(w, new ArrayList<>(countHeaders(locale)));
        for (List<Object> r : countRows(c, locale)) {
            csvLine(w, r);
        }
        w.flush();
    }

    @GetMapping("/counts.xlsx")
    void countsXlsx(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                    @RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                    @RequestParam(required = false) String grade, HttpServletResponse response) throws IOException {
        CareDashboard.Filter f = filter(term, province, district, unit, grade, null, null);
        Locale locale = LocaleContextHolder.getLocale();
        CareDashboard.Counts c = dashboard.counts(f, locale);
        dashboard.auditCountsExport(f, "XLSX");
        xlsx(response, fileName("care-counts", f) + ".xlsx", msg("care.export.countsSheet", locale), countHeaders(locale), sink -> {
            for (List<Object> r : countRows(c, locale)) {
                sink.accept(r);
            }
        });
    }

    private List<String> studentHeaders(Locale locale) {
        List<String> h = new ArrayList<>();
        for (String k : List.of("nationalId", "firstName", "lastName", "grade", "unitCode", "unit", "level")) {
            h.add(msg("care.export." + k, locale));
        }
        for (CareArea a : CareArea.values()) {
            h.add(msg("care.area." + a, locale));
        }
        h.add(msg("care.class.warning", locale));
        return h;
    }

    private List<Object> studentRow(CareDashboard.StudentRow s, Locale locale) {
        List<Object> r = new ArrayList<>(List.of(s.nationalId(), s.firstName(), s.lastName(), s.gradeLevel(), s.unitCode(), s.unitName(locale),
                s.evaluated() ? msg("care.level." + s.level(), locale) : msg("care.class.notEvaluated", locale)));
        for (CareArea a : CareArea.values()) {
            r.add(msg("care.level." + s.areas().get(a), locale));
        }
        r.add(msg("care.warning.level." + s.warning(), locale));
        return r;
    }

    @GetMapping("/students.csv")
    void studentsCsv(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                     @RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                     @RequestParam(required = false) String grade, @RequestParam(required = false) String level,
                     @RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        CareDashboard.Filter f = filter(term, province, district, unit, grade, level, area);
        Locale locale = LocaleContextHolder.getLocale();
        Writer w = csv(response, fileName("care-students", f) + ".csv");
        csvLine(w, new ArrayList<>(studentHeaders(locale)));
        dashboard.streamStudents(f, "CSV", s -> csvLine(w, studentRow(s, locale)));
        w.flush();
    }

    @GetMapping("/students.xlsx")
    void studentsXlsx(@RequestParam(required = false) String term, @RequestParam(required = false) String province,
                      @RequestParam(required = false) String district, @RequestParam(required = false) String unit,
                      @RequestParam(required = false) String grade, @RequestParam(required = false) String level,
                      @RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        CareDashboard.Filter f = filter(term, province, district, unit, grade, level, area);
        Locale locale = LocaleContextHolder.getLocale();
        xlsx(response, fileName("care-students", f) + ".xlsx", msg("care.export.studentsSheet", locale), studentHeaders(locale),
                sink -> dashboard.streamStudents(f, "XLSX", s -> sink.accept(studentRow(s, locale))));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String fileName(String prefix, CareDashboard.Filter f) {
        StringBuilder sb = new StringBuilder(prefix).append('-').append(f.term().replace('/', '-'));
        if (f.provinceCode() != null) {
            sb.append('-').append(f.provinceCode());
        }
        if (f.districtCode() != null) {
            sb.append('-').append(f.districtCode());
        }
        if (f.orgUnitId() != null) {
            sb.append("-unit").append(f.orgUnitId());
        }
        return sb.toString();
    }

    private static Writer csv(HttpServletResponse response, String name) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        w.write('\uFEFF');
        return w;
    }

    private static void csvLine(Writer w, List<?> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                Object v = fields.get(i);
                w.write(v instanceof Number ? v.toString() : quote(v == null ? "" : v.toString()));
            }
            w.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quotes a field when needed; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it. */
    static String quote(String s) {
        String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    private static void xlsx(HttpServletResponse response, String name, String sheetName, List<String> headers,
                             java.util.function.Consumer<java.util.function.Consumer<List<Object>>> rows) throws IOException {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet(sheetName);
            CellStyle bold = book.createCellStyle();
            org.apache.poi.ss.usermodel.Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            int[] next = {0};
            Row head = sheet.createRow(next[0]++);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = head.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            rows.accept(values -> {
                Row row = sheet.createRow(next[0]++);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(v == null ? "" : v.toString());
                    }
                }
            });
            book.write(response.getOutputStream());
            book.dispose();
        }
    }
}
