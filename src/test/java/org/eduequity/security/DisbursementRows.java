package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the fund office's disbursement: programmes and payment rounds are the fund office's only
 * (rounds that do not exist: 404 for it; the empty body {} plans nothing: 400); a child's payments for whoever may see
 * the child (its teacher, its province, the fund office, admin); the bank file, the bank's results, reversals, the lines'
 * CSV and XLSX and the provinces' PDF summaries are the fund office's; the page of a teacher's children's payments is teachers' only.
 */
final class DisbursementRows {

    private DisbursementRows() {
    }

    static List<Row> rows(String demoChildId) {
        List<Row> rows = new ArrayList<>();
        Map<Actor, AccessMatrixTests.Expect> fund = AccessMatrixTests.only(Actor.FUND);
        rows.add(new Row(RequestMethod.GET, "/api/v1/programmes", "/api/v1/programmes", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/payment-rounds", "/api/v1/payment-rounds", null, fund));
        rows.add(new Row(RequestMethod.GET, "/api/v1/payment-rounds/{id}", "/api/v1/payment-rounds/999999", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/payment-rounds/{id}/approval", "/api/v1/payment-rounds/999999/approval", null, fund));
        rows.add(new Row(RequestMethod.GET, "/api/v1/payment-rounds/{id}/bank-file", "/api/v1/payment-rounds/999999/bank-file", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/payment-rounds/{id}/bank-results", "/api/v1/payment-rounds/999999/bank-results", null,
                fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/payment-rounds/{id}/reversals", "/api/v1/payment-rounds/999999/reversals", null, fund));
        rows.add(new Row(RequestMethod.GET, "/api/v1/children/{nationalId}/payments", "/api/v1/children/" + demoChildId + "/payments", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));

        rows.add(new Row(RequestMethod.GET, "/disbursement/programmes", "/disbursement/programmes", null, fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds", "/disbursement/rounds", null, fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds/new", "/disbursement/rounds/new?term=2569/1", null, fund));
        rows.add(new Row(RequestMethod.POST, "/disbursement/rounds", "/disbursement/rounds", Map.of("programme", "NO_SUCH", "term", "2569/1"),
                fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds/{id}", "/disbursement/rounds/999999", null, fund));
        rows.add(new Row(RequestMethod.POST, "/disbursement/rounds/{id}/approve", "/disbursement/rounds/999999/approve", Map.of(), fund));
        rows.add(new Row(RequestMethod.POST, "/disbursement/rounds/{id}/bank-file", "/disbursement/rounds/999999/bank-file", Map.of(), fund));
        rows.add(new Row(RequestMethod.POST, "/disbursement/rounds/{id}/bank-results", "/disbursement/rounds/999999/bank-results", Map.of(),
                fund));
        rows.add(new Row(RequestMethod.POST, "/disbursement/rounds/{id}/reversals", "/disbursement/rounds/999999/reversals", Map.of(), fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds/{id}/lines.csv", "/disbursement/rounds/999999/lines.csv", null, fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds/{id}/lines.xlsx", "/disbursement/rounds/999999/lines.xlsx", null, fund));
        rows.add(new Row(RequestMethod.GET, "/disbursement/rounds/{id}/provinces/{province}/summary.pdf",
                "/disbursement/rounds/999999/provinces/40/summary.pdf", null, fund));
        // a teacher's view of their own children's payments
        rows.add(new Row(RequestMethod.GET, "/disbursement/children", "/disbursement/children?term=2569/1", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL)));
        rows.add(new Row(RequestMethod.GET, "/disbursement/budget", "/disbursement/budget?term=2569/1", null,
                AccessMatrixTests.only(Actor.FUND)));
        return rows;
    }
}
