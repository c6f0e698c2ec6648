package org.eduequity.disbursement;

import java.util.List;
import java.util.Locale;

import org.eduequity.shared.Money;

/**
 * A programme of the fund: who it is for, how much under which rule, which classes, and who is paid. {@code amount}
 * is the stated amount under the rule (800 a year for {@code CCT_IN_SCHOOL}); {@link #shares()} say what one payment
 * pays to whom (400 a term to the guardian), so a round's line amounts come from the data, never from code.
 */
public record Programme(String code, String nameTh, String nameEn, String targetGroup, String amountRule, Money amount,
                        String payeeType, List<String> eligibleClasses, List<String> orgUnitTypes, boolean active,
                        List<Share> shares) {

    /** What one payment pays to one payee. */
    public record Share(String payeeType, Money amount, String purposeTh, String purposeEn) {

        public String purpose(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && purposeEn != null ? purposeEn : purposeTh;
        }
    }

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameTh;
    }

    /** Whether rounds of this programme are planned from certified lists of children (not cases or centres). */
    public boolean fromCertifiedLists() {
        return !orgUnitTypes.isEmpty() && !eligibleClasses.isEmpty();
    }

    /** Whether rounds of this programme are planned from certified case lists of the out-of-school issue (OOS_YOUTH). */
    public boolean fromCases() {
        return "OUT_OF_SCHOOL".equals(targetGroup) && "PER_CASE".equals(amountRule);
    }

    /** What one child (case, centre) is paid in one round: the sum of the shares. */
    public Money perPayment() {
        Money sum = Money.ZERO;
        for (Share s : shares) {
            sum = sum.plus(s.amount());
        }
        return sum;
    }
}
