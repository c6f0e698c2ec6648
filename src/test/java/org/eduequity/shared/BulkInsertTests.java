package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class BulkInsertTests {

    private static final List<String> COLUMNS = List.of("id:bigint", "name:varchar", "born:date", "at:timestamptz", "amount:numeric",
            "ok:boolean", "tags:varchar[]");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void rowsArriveExactlyWithThaiTextEscapesNullsAndArrays() {
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 23, 8, 30, 15, 123_456_000, ZoneOffset.UTC);
        List<Map<String, Object>> read = tx.execute(s -> {
            createTable();
            BulkInsert.insert(jdbc, "bulk_probe", COLUMNS, List.of(
                    new Object[] {1L, "เด็กหญิง\tสมใจ\nใจดี \\ \"คำพูด\"\r", LocalDate.of(2015, 2, 28), at, new BigDecimal("1234.50"), true,
                            new String[] {"PHOTO_REUSED", "a \"quoted\" \\ tag", "มี,จุลภาค"}},
                    new Object[] {2L, null, null, null, null, null, new String[0]}));
            return jdbc.queryForList("SELECT id, name, born, at, amount, ok, array_to_string(tags, '|') AS tags FROM bulk_probe ORDER BY id");
        });
        assertThat(read).hasSize(2);
        assertThat(read.get(0).get("name")).isEqualTo("เด็กหญิง\tสมใจ\nใจดี \\ \"คำพูด\"\r");
        assertThat(read.get(0).get("born").toString()).isEqualTo("2015-02-28");
        assertThat(((java.sql.Timestamp) read.get(0).get("at")).toInstant()).isEqualTo(at.toInstant());
        assertThat(read.get(0).get("amount")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(read.get(0).get("ok")).isEqualTo(true);
        assertThat(read.get(0).get("tags")).isEqualTo("PHOTO_REUSED|a \"quoted\" \\ tag|มี,จุลภาค");
        assertThat(read.get(1).get("name")).isNull();
        assertThat(read.get(1).get("amount")).isNull();
        assertThat(read.get(1).get("tags")).isEqualTo("");
    }

    @Test
    void rowsRollBackWithTheCallersTransaction() {
        tx.execute(s -> {
            createTable();
            return null;
        });
        List<Object[]> many = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            many.add(new Object[] {i, "แถว " + i, null, null, BigDecimal.valueOf(i), false, new String[] {"x"}});
        }
        assertThatThrownBy(() -> tx.execute(s -> {
            BulkInsert.insert(jdbc, "bulk_probe_kept", COLUMNS, many);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bulk_probe_kept", Long.class)).isEqualTo(5_000L);
            throw new IllegalStateException("caller fails after the insert");
        })).hasMessage("caller fails after the insert");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bulk_probe_kept", Long.class)).isZero();
    }

    @Test
    void aConstraintViolationFailsTheInsertAsAWhole() {
        assertThatThrownBy(() -> tx.execute(s -> {
            createTable();
            BulkInsert.insert(jdbc, "bulk_probe", COLUMNS, List.of(
                    new Object[] {7L, "a", null, null, null, null, new String[0]},
                    new Object[] {7L, "b", null, null, null, null, new String[0]}));
            return null;
        })).hasMessageContaining("bulk_probe");
    }

    private void createTable() {
        jdbc.execute("""
                CREATE TEMP TABLE IF NOT EXISTS bulk_probe (id bigint PRIMARY KEY, name varchar(200), born date, at timestamptz,
                amount numeric(12, 2), ok boolean, tags varchar(40)[]) ON COMMIT DROP""");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS bulk_probe_kept (id bigint PRIMARY KEY, name varchar(200), born date, at timestamptz,
                amount numeric(12, 2), ok boolean, tags varchar(40)[])""");
    }
}
