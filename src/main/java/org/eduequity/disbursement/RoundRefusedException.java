package org.eduequity.disbursement;

import java.util.List;

/**
 * Why a payment round was not created or not approved: a message key and its arguments, the field at fault when the
 * request itself is wrong (a 400), and for a round over budget the figures of each province over it.
 */
public class RoundRefusedException extends RuntimeException {

    private final String key;
    private final transient Object[] args;
    private final String field;
    private final transient List<PaymentRounds.BudgetCheck> overBudget;
    private final transient List<PaymentRounds.Skip> skipped;

    RoundRefusedException(String field, String key, Object... args) {
        this(field, key, List.of(), List.of(), args);
    }

    RoundRefusedException(String field, String key, List<PaymentRounds.BudgetCheck> overBudget, List<PaymentRounds.Skip> skipped,
                          Object... args) {
        super(key);
        this.key = key;
        this.args = args;
        this.field = field;
        this.overBudget = List.copyOf(overBudget);
        this.skipped = List.copyOf(skipped);
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args;
    }

    /** The request's field at fault (a 400), or null when the request is well-formed but refused (a 409). */
    public String field() {
        return field;
    }

    /** The provinces over budget, when that is why. */
    public List<PaymentRounds.BudgetCheck> overBudget() {
        return overBudget;
    }

    /** The children that could not be planned, when nothing could. */
    public List<PaymentRounds.Skip> skipped() {
        return skipped;
    }
}
