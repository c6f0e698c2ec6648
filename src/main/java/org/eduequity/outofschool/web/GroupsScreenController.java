package org.eduequity.outofschool.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import org.eduequity.outofschool.AgeBand;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.FoundStatus;
import org.eduequity.outofschool.Need;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.CurrentArea;
import org.eduequity.survey.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The province's grouping of found children: by age band, district (or subdistrict within a district) and need, as a
 * table and a chart, with counts by status; each group exported as CSV (UTF-8 with a BOM) or XLSX, both streamed.
 */
@Controller
@RequestMapping("/out-of-school/groups")
@PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
class GroupsScreenController {

    private final FoundChildren found;
    private final CurrentArea area;
    private final Geography geography;
    private final MessageSource messages;
    private final org.eduequity.outofschool.Cases cases;

    GroupsScreenController(FoundChildren found, CurrentArea area, Geography geography, MessageSource messages,
                           org.eduequity.outofschool.Cases cases) {
        this.cases = cases;
        this.found = found;
        this.area = area;
        this.geography = geography;
        this.messages = messages;
    }

    @GetMapping
    String groups(@RequestParam(required = false) String province, @RequestParam(required = false) String district, Model model) {
        AreaScope scope = area.scope();
        String provinceCode = province;
        if ((provinceCode == null || provinceCode.isBlank()) && scope instanceof AreaScope.Province own) {
            provinceCode = own.code();
        }
        if (provinceCode == null || provinceCode.isBlank()) {
            provinceCode = "21";
        }
        List<FieldProblem> errors = new ArrayList<>();
        FoundChildren.Filter filter = FindingParams.filter(provinceCode, district, null, null, null, null, errors);
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        FoundChildren.Groups groups = found.groups(filter.provinceCode(), filter.districtCode());
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("groups", groups);
        model.addAttribute("province", geography.province(filter.provinceCode()).orElseThrow());
        model.addAttribute("district", filter.districtCode() == null ? null : geography.district(filter.districtCode()).orElse(null));
        model.addAttribute("provinces", scope instanceof AreaScope.National ? geography.provinces() : List.of());
        model.addAttribute("bands", AgeBand.values());
        model.addAttribute("needs", Need.values());
        model.addAttribute("statuses", FoundStatus.values());
        model.addAttribute("caseStages", cases.countByStage(filter.provinceCode()));
        List<AreaRow> areas = new ArrayList<>();
        for (String code : groups.byArea().keySet()) {
            String name = filter.districtCode() == null ? geography.district(code).map(d -> d.name(locale)).orElse(code)
                    : geography.subdistrict(code).map(s -> s.name(locale)).orElse(code);
            areas.add(new AreaRow(code, name));
        }
        model.addAttribute("areas", areas);
        List<GroupRow> rows = new ArrayList<>();
        for (FoundChildren.GroupCount c : groups.cells()) {
            String name = areas.stream().filter(a -> a.code().equals(c.areaCode())).map(AreaRow::name).findFirst().orElse(c.areaCode());
            rows.add(new GroupRow(c.areaCode(), name, c.ageBand(), c.need(), c.count()));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("largest", groups.largest());
        return "outofschool/groups";
    }

    /** A bad province, district, age band or need in the address: 400 (the error page says so). */
    @org.springframework.web.bind.annotation.ExceptionHandler(FindingRejectedException.class)
    void badParameters(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /** An area of the table: a district, or a subdistrict of the chosen district. */
    record AreaRow(String code, String name) {
    }

    /** One group: area × age band × need. */
    record GroupRow(String areaCode, String areaName, AgeBand band, Need need, long count) {
    }

    /** A group's children as CSV, UTF-8 with a BOM (Excel shows Thai), streamed. */
    @GetMapping("/export.csv")
    void csv(@RequestParam(required = false) String province, @RequestParam(required = false) String district,
             @RequestParam(required = false) String subdistrict, @RequestParam(required = false) String ageBand,
             @RequestParam(required = false) String need, HttpServletResponse response) throws IOException {
        FoundChildren.Filter filter = exportFilter(province, district, subdistrict, ageBand, need);
        Locale locale = LocaleContextHolder.getLocale();
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(filter) + ".csv\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, headers(locale));
        found.stream(filter, c -> line(w, fields(c, locale)));
        w.flush();
    }

    /** A group's children as XLSX, written row by row with SXSSF (only a window of rows in memory). */
    @GetMapping("/export.xlsx")
    void xlsx(@RequestParam(required = false) String province, @RequestParam(required = false) String district,
              @RequestParam(required = false) String subdistrict, @RequestParam(required = false) String ageBand,
              @RequestParam(required = false) String need, HttpServletResponse response) throws IOException {
        FoundChildren.Filter filter = exportFilter(province, district, subdistrict, ageBand, need);
        Locale locale = LocaleContextHolder.getLocale();
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(filter) + ".xlsx\"");
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet(messages.getMessage("groups.export.sheet", null, locale));
            CellStyle bold = book.createCellStyle();
            org.apache.poi.ss.usermodel.Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            int[] next = {0};
            Row head = sheet.createRow(next[0]++);
            List<String> headers = headers(locale);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = head.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            found.stream(filter, c -> {
                Row row = sheet.createRow(next[0]++);
                List<String> values = fields(c, locale);
                for (int i = 0; i < values.size(); i++) {
                    if (i == 0 || i == 5) {
                        row.createCell(i).setCellValue(Long.parseLong(values.get(i)));
                    } else {
                        row.createCell(i).setCellValue(values.get(i));
                    }
                }
            });
            book.write(response.getOutputStream());
            book.dispose();
        }
    }

    private FoundChildren.Filter exportFilter(String province, String district, String subdistrict, String ageBand, String need) {
        List<FieldProblem> errors = new ArrayList<>();
        FoundChildren.Filter filter = FindingParams.filter(province, district, subdistrict, ageBand, need, null, errors);
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
        return filter.withOutOfSchoolOnly();
    }

    private static String fileName(FoundChildren.Filter f) {
        StringBuilder sb = new StringBuilder("found-children-").append(f.provinceCode());
        if (f.districtCode() != null) {
            sb.append('-').append(f.districtCode());
        }
        if (f.subdistrictCode() != null) {
            sb.append('-').append(f.subdistrictCode());
        }
        if (f.ageBand() != null) {
            sb.append("-age-").append(f.ageBand().label());
        }
        if (f.need() != null) {
            sb.append('-').append(f.need().name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private List<String> headers(Locale locale) {
        List<String> keys = List.of("id", "nationalId", "firstName", "lastName", "birthDate", "age", "ageBand", "sex", "houseNo", "villageNo",
                "subdistrict", "district", "guardianPhone", "situation", "highestGrade", "leftSchoolOn", "reasons", "needs", "status", "surveyedOn");
        return keys.stream().map(k -> messages.getMessage("groups.export." + k, null, locale)).toList();
    }

    private List<String> fields(FoundChildren.FoundChild c, Locale locale) {
        List<String> f = new ArrayList<>();
        f.add(String.valueOf(c.id()));
        f.add(c.nationalId() == null ? "" : c.nationalId());
        f.add(c.firstName());
        f.add(c.lastName());
        f.add(BuddhistDate.format(c.birthDate(), locale));
        f.add(String.valueOf(c.ageYears()));
        f.add(c.ageBand().label());
        f.add(messages.getMessage("finding.sex." + c.sex().substring(0, 1), null, locale));
        f.add(c.houseNo() == null ? "" : c.houseNo());
        f.add(c.villageNo() == null ? "" : String.valueOf(c.villageNo()));
        f.add(geography.subdistrict(c.subdistrictCode()).map(s -> s.name(locale)).orElse(c.subdistrictCode()));
        f.add(geography.district(c.districtCode()).map(d -> d.name(locale)).orElse(c.districtCode()));
        f.add(c.guardianPhone() == null ? "" : c.guardianPhone());
        f.add(c.situation() == null ? "" : c.situation());
        f.add(c.highestGrade() == null ? "" : messages.getMessage("finding.grade." + c.highestGrade(), null, locale));
        f.add(c.leftSchoolOn() == null ? "" : BuddhistDate.format(c.leftSchoolOn(), locale));
        f.add(String.join("; ", c.reasons().stream().map(r -> messages.getMessage("finding.reason." + r.name(), null, locale)).toList()));
        f.add(String.join("; ", c.needs().stream().map(n -> messages.getMessage("finding.need." + n.name(), null, locale)).toList()));
        f.add(messages.getMessage("finding.status." + c.status().name(), null, locale));
        f.add(BuddhistDate.format(c.surveyedOn(), locale));
        return f;
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
