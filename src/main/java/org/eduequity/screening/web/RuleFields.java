package org.eduequity.screening.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eduequity.screening.RuleParameters;

/**
 * Every number of a rule set as one field of the screens, grouped as in screening.md: its name (the same as the
 * field of a {@link org.eduequity.screening.RuleProblem}, e.g. {@code tenure.RENT}), its label and unit, and the
 * conversions between {@link RuleParameters} and the text of the form.
 */
final class RuleFields {

    /** One number: the field name, the message keys of its label, unit and hint (hint may be null). */
    record Item(String field, String labelKey, String unitKey, String hintKey, boolean money) {

        /** The id of its input and error on the page. */
        public String id() {
            return "p-" + field.replace('.', '-');
        }
    }

    /** A group of numbers under one heading (hint may be null). */
    record Group(String key, String headingKey, String hintKey, List<Item> items) {

        /** The heading of the column of labels: an answer, a region or an item. */
        public String columnKey() {
            return RuleParameters.TABLES.containsKey(key) ? "rules.view.answer"
                    : key.equals("cutOffByRegion") ? "rules.view.region" : "rules.view.item";
        }
    }

    static final String MONEY_UNIT = "rules.unit.bahtPerPerson";
    static final String POINTS = "rules.unit.points";
    static final String YEARS = "rules.unit.years";
    static final String PEOPLE = "rules.unit.people";
    static final List<Group> GROUPS;

    static {
        List<Group> g = new ArrayList<>();
        g.add(new Group("income", "rules.group.income", "rules.group.income.hint",
                List.of(new Item("incomeCeiling", "rules.field.incomeCeiling", MONEY_UNIT, null, true))));
        g.add(new Group("cutOff", "rules.group.cutOff", "rules.group.cutOff.hint",
                List.of(new Item("cutOff", "rules.field.cutOff", POINTS, null, false))));
        g.add(new Group("cutOffByRegion", "rules.group.cutOffByRegion", "rules.group.cutOffByRegion.hint",
                RuleParameters.REGIONS.stream().map(r -> new Item("cutOffByRegion." + r, "rules.region." + r, POINTS, null, false))
                        .toList()));
        g.add(new Group("dependants", "rules.group.dependants", "rules.group.dependants.hint", List.of(
                new Item("dependants.points", "rules.field.dependants.points", POINTS, null, false),
                new Item("dependants.maxCounted", "rules.field.dependants.maxCounted", PEOPLE, null, false),
                new Item("dependants.singleParent", "rules.field.dependants.singleParent", POINTS, null, false),
                new Item("dependants.elderlyFromAge", "rules.field.dependants.elderlyFromAge", YEARS, null, false),
                new Item("dependants.workingAgeFrom", "rules.field.dependants.workingAgeFrom", YEARS, null, false),
                new Item("dependants.workingAgeTo", "rules.field.dependants.workingAgeTo", YEARS, null, false))));
        g.add(table("tenure"));
        g.add(table("floor"));
        g.add(table("walls"));
        g.add(table("roof"));
        g.add(new Group("noToilet", "rules.group.noToilet", null,
                List.of(new Item("noToilet", "rules.field.noToilet", POINTS, null, false))));
        g.add(table("farmland"));
        g.add(table("water"));
        g.add(table("electricity"));
        g.add(new Group("vehicles", "rules.group.vehicles", "rules.group.vehicles.hint", RuleParameters.VEHICLE_KEYS.stream()
                .map(k -> new Item("vehicles." + k, "rules.field.vehicles." + k, POINTS, null, false)).toList()));
        g.add(new Group("appliances", "rules.group.appliances", "rules.group.appliances.hint", RuleParameters.APPLIANCE_KEYS.stream()
                .map(k -> new Item("appliances." + k, "rules.field.appliances." + k, POINTS, null, false)).toList()));
        GROUPS = List.copyOf(g);
    }

    private RuleFields() {
    }

    private static Group table(String name) {
        return new Group(name, "rules.group." + name, null, RuleParameters.TABLES.get(name).stream()
                .map(a -> new Item(name + "." + a, "rules.answer." + name + "." + a, POINTS, null, false)).toList());
    }

    static Optional<Item> item(String field) {
        return GROUPS.stream().flatMap(g -> g.items().stream()).filter(i -> i.field().equals(field)).findFirst();
    }

    static Optional<Group> groupOf(String field) {
        return GROUPS.stream().filter(g -> g.key().equals(field) || g.items().stream().anyMatch(i -> i.field().equals(field)))
                .findFirst();
    }

    /** The numbers as the form shows them: every field, "" where there is none. */
    static Map<String, String> text(RuleParameters p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Group g : GROUPS) {
            for (Item i : g.items()) {
                Object v = value(p, i.field());
                m.put(i.field(), v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString());
            }
        }
        return m;
    }

    /** The numbers as the view shows them: baht with thousands and 2 decimals, null where there is none. */
    static Map<String, String> display(RuleParameters p) {
        Map<String, String> m = new LinkedHashMap<>();
        DecimalFormat baht = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (Group g : GROUPS) {
            for (Item i : g.items()) {
                Object v = value(p, i.field());
                m.put(i.field(), v == null ? null : v instanceof BigDecimal b ? baht.format(b) : v.toString());
            }
        }
        return m;
    }

    private static Object value(RuleParameters p, String field) {
        String[] parts = field.split("\\.", 2);
        String head = parts[0];
        String key = parts.length > 1 ? parts[1] : null;
        switch (head) {
            case "incomeCeiling": return p.incomeCeiling();
            case "cutOff": return p.cutOff();
            case "noToilet": return p.noToilet();
            case "cutOffByRegion": return get(p.cutOffByRegion(), key);
            case "vehicles": return get(p.vehicles(), key);
            case "appliances": return get(p.appliances(), key);
            case "dependants": {
                RuleParameters.Dependants d = p.dependants();
                if (d == null) {
                    return null;
                }
                switch (key) {
                    case "points": return d.points();
                    case "maxCounted": return d.maxCounted();
                    case "singleParent": return d.singleParent();
                    case "elderlyFromAge": return d.elderlyFromAge();
                    case "workingAgeFrom": return d.workingAgeFrom();
                    case "workingAgeTo": return d.workingAgeTo();
                    default: throw new IllegalArgumentException(field);
                }
            }
            default: return get(p.table(head), key);
        }
    }

    private static Integer get(Map<String, Integer> map, String key) {
        return map == null ? null : map.get(key);
    }

    /**
     * The numbers of a submitted form. A blank field is a missing number (a problem the set shows, not a reason to
     * refuse the save); text that is not a number puts a message key into {@code errors} under its field.
     */
    static RuleParameters parse(Map<String, String> form, Map<String, String> errors) {
        BigDecimal ceiling = null;
        String c = blankToNull(form.get("incomeCeiling"));
        if (c != null) {
            String plain = c.replace(",", "");
            if (plain.matches("[+-]?[0-9]{1,12}(\\.[0-9]{1,12})?")) {
                ceiling = new BigDecimal(plain);
            } else {
                errors.put("incomeCeiling", "rules.form.error.money");
            }
        }
        Map<String, Integer> regions = new LinkedHashMap<>();
        for (String r : RuleParameters.REGIONS) {
            Integer v = integer(form, "cutOffByRegion." + r, errors);
            if (v != null) {
                regions.put(r, v);
            }
        }
        RuleParameters.Dependants dependants = new RuleParameters.Dependants(integer(form, "dependants.points", errors),
                integer(form, "dependants.maxCounted", errors), integer(form, "dependants.singleParent", errors),
                integer(form, "dependants.elderlyFromAge", errors), integer(form, "dependants.workingAgeFrom", errors),
                integer(form, "dependants.workingAgeTo", errors));
        return new RuleParameters(ceiling, integer(form, "cutOff", errors), regions, dependants,
                keyed(form, "tenure", RuleParameters.TABLES.get("tenure"), errors),
                keyed(form, "floor", RuleParameters.TABLES.get("floor"), errors),
                keyed(form, "walls", RuleParameters.TABLES.get("walls"), errors),
                keyed(form, "roof", RuleParameters.TABLES.get("roof"), errors),
                integer(form, "noToilet", errors),
                keyed(form, "farmland", RuleParameters.TABLES.get("farmland"), errors),
                keyed(form, "water", RuleParameters.TABLES.get("water"), errors),
                keyed(form, "electricity", RuleParameters.TABLES.get("electricity"), errors),
                keyed(form, "vehicles", RuleParameters.VEHICLE_KEYS, errors),
                keyed(form, "appliances", RuleParameters.APPLIANCE_KEYS, errors));
    }

    private static Map<String, Integer> keyed(Map<String, String> form, String name, List<String> keys, Map<String, String> errors) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : keys) {
            Integer v = integer(form, name + "." + k, errors);
            if (v != null) {
                m.put(k, v);
            }
        }
        return m;
    }

    private static Integer integer(Map<String, String> form, String field, Map<String, String> errors) {
        String t = blankToNull(form.get(field));
        if (t == null) {
            return null;
        }
        if (!t.matches("[+-]?[0-9]{1,9}")) {
            errors.put(field, t.matches("[+-]?[0-9]+") ? "rules.form.error.tooBig" : "rules.form.error.wholeNumber");
            return null;
        }
        return Integer.valueOf(t);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
