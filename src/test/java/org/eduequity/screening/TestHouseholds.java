package org.eduequity.screening;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eduequity.shared.BulkInsert;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes test households as submitted visits of the demo school 1040010001 (students become G-code children). */
public final class TestHouseholds {

    private static final AtomicLong NEXT_ID = new AtomicLong((System.currentTimeMillis() % 1_000_000L) * 100_000L);

    private TestHouseholds() {
    }

    /** Inserts the households as visits of a term and returns the visit ids in list order. */
    public static List<Long> insert(JdbcTemplate jdbc, String term, List<TestHousehold> households) {
        long unit = jdbc.queryForObject("SELECT id FROM org_unit WHERE code = '1040010001'", Long.class);
        OffsetDateTime now = OffsetDateTime.now();
        LocalDate visitedOn = LocalDate.of(2026, 6, 20);
        List<Long> householdIds = ids(jdbc, "household", households.size());
        List<Long> visitIds = ids(jdbc, "home_visit", households.size());
        List<Object[]> hh = new ArrayList<>();
        List<Object[]> visits = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        List<Object[]> children = new ArrayList<>();
        List<Object[]> students = new ArrayList<>();
        int childCount = 0;
        for (TestHousehold h : households) {
            for (TestHousehold.Member m : h.members()) {
                if ("STUDENT".equals(m.relationship())) {
                    childCount++;
                }
            }
        }
        List<Long> childIds = ids(jdbc, "child", childCount);
        int c = 0;
        for (int k = 0; k < households.size(); k++) {
            TestHousehold h = households.get(k);
            long visitId = visitIds.get(k);
            hh.add(new Object[] {householdIds.get(k), "400102", now, now});
            visits.add(new Object[] {visitId, householdIds.get(k), term, visitedOn, unit, h.provinceCode(), "SUBMITTED", h.singleParent(),
                    h.tenure(), h.floor(), h.walls(), h.roof(), h.hasToilet(), h.farmland(), h.water(), h.electricity(),
                    h.vehicles()[0], h.vehicles()[1], h.vehicles()[2], h.vehicles()[3], h.vehicles()[4], h.vehicles()[5], h.vehicles()[6],
                    h.appliances()[0], h.appliances()[1], h.appliances()[2], h.appliances()[3], h.appliances()[4], now, now, now});
            for (int i = 0; i < h.members().size(); i++) {
                TestHousehold.Member m = h.members().get(i);
                Long childId = null;
                String nationalId = null;
                if ("STUDENT".equals(m.relationship())) {
                    childId = childIds.get(c++);
                    nationalId = String.format("G9%011d", NEXT_ID.incrementAndGet() % 100_000_000_000L);
                    children.add(new Object[] {childId, nationalId, "เด็ก", "ทดสอบ", visitedOn.minusYears(m.age() + 1), "FEMALE", unit,
                            h.provinceCode(), "P4", now, now});
                    students.add(new Object[] {visitId, childId, term});
                }
                members.add(new Object[] {visitId, i, m.relationship(), childId, nationalId, "สมาชิก", "ทดสอบ", m.age(), m.disabled(),
                        m.chronicallyIll(), m.unemployed(), m.studying(), m.wages(), m.farming(), m.business(), m.welfare(), m.other()});
            }
        }
        BulkInsert.insert(jdbc, "child", List.of("id:bigint", "national_id:varchar", "first_name:varchar", "last_name:varchar",
                "birth_date:date", "sex:varchar", "org_unit_id:bigint", "province_code:varchar", "grade_level:varchar",
                "created_at:timestamptz", "updated_at:timestamptz"), children);
        BulkInsert.insert(jdbc, "household", List.of("id:bigint", "subdistrict_code:varchar", "created_at:timestamptz",
                "updated_at:timestamptz"), hh);
        BulkInsert.insert(jdbc, "home_visit", List.of("id:bigint", "household_id:bigint", "term:varchar", "visited_on:date",
                "org_unit_id:bigint", "province_code:varchar", "status:varchar", "single_parent:boolean", "housing_tenure:varchar",
                "housing_floor:varchar", "housing_walls:varchar", "housing_roof:varchar", "has_toilet:boolean", "farmland:varchar",
                "drinking_water:varchar", "electricity:varchar", "car_up_to_15y:smallint", "car_over_15y:smallint",
                "pickup_up_to_15y:smallint", "pickup_over_15y:smallint", "tractor_up_to_15y:smallint", "tractor_over_15y:smallint",
                "motorcycle_or_boat:smallint", "has_computer:boolean", "has_air_conditioner:boolean", "has_flat_screen_tv:boolean",
                "has_washing_machine:boolean", "has_refrigerator:boolean", "submitted_at:timestamptz", "created_at:timestamptz",
                "updated_at:timestamptz"), visits);
        BulkInsert.insert(jdbc, "household_member", List.of("visit_id:bigint", "position:smallint", "relationship:varchar",
                "child_id:bigint", "national_id:varchar", "first_name:varchar", "last_name:varchar", "age:smallint", "disabled:boolean",
                "chronically_ill:boolean", "unemployed:boolean", "studying:boolean", "income_wages:numeric", "income_farming:numeric",
                "income_business:numeric", "income_welfare:numeric", "income_other:numeric"), members);
        BulkInsert.insert(jdbc, "visit_student", List.of("visit_id:bigint", "child_id:bigint", "term:varchar"), students);
        return visitIds;
    }

    private static List<Long> ids(JdbcTemplate jdbc, String table, int n) {
        return jdbc.queryForList("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", Long.class, table, n);
    }
}
