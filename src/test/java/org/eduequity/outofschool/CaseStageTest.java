package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The stage of a case, derived from what it holds: one test per stage, and the edges between them. */
class CaseStageTest {

    private static CaseStage of(boolean assessed, boolean approved, List<ReferralStatus> referrals, boolean closed) {
        return CaseStage.of(new CaseStage.Facts(assessed, approved, referrals, closed));
    }

    @Test
    void opened() {
        assertThat(of(false, false, List.of(), false)).isEqualTo(CaseStage.OPENED);
    }

    @Test
    void assessed() {
        assertThat(of(true, false, List.of(), false)).isEqualTo(CaseStage.ASSESSED);
        // a plan that is not approved (draft, returned) leaves it assessed
        assertThat(of(true, false, List.of(ReferralStatus.PENDING), false)).isEqualTo(CaseStage.ASSESSED);
    }

    @Test
    void planned() {
        assertThat(of(true, true, List.of(), false)).isEqualTo(CaseStage.PLANNED);
        assertThat(of(true, true, List.of(ReferralStatus.PENDING), false)).isEqualTo(CaseStage.PLANNED);
        assertThat(of(true, true, List.of(ReferralStatus.DECLINED, ReferralStatus.REVOKED), false)).isEqualTo(CaseStage.PLANNED);
        // one done while another waits for its provider's answer
        assertThat(of(true, true, List.of(ReferralStatus.DONE, ReferralStatus.PENDING), false)).isEqualTo(CaseStage.PLANNED);
    }

    @Test
    void inService() {
        assertThat(of(true, true, List.of(ReferralStatus.ACCEPTED), false)).isEqualTo(CaseStage.IN_SERVICE);
        assertThat(of(true, true, List.of(ReferralStatus.DONE, ReferralStatus.ACCEPTED), false)).isEqualTo(CaseStage.IN_SERVICE);
    }

    @Test
    void servicesDone() {
        assertThat(of(true, true, List.of(ReferralStatus.DONE), false)).isEqualTo(CaseStage.SERVICES_DONE);
        assertThat(of(true, true, List.of(ReferralStatus.DONE, ReferralStatus.DECLINED), false)).isEqualTo(CaseStage.SERVICES_DONE);
    }

    @Test
    void closedWhateverElseItHolds() {
        assertThat(of(false, false, List.of(), true)).isEqualTo(CaseStage.CLOSED);
        assertThat(of(true, true, List.of(ReferralStatus.ACCEPTED), true)).isEqualTo(CaseStage.CLOSED);
    }

    @Test
    void reopenedReturnsToAssessed() {
        // reopening clears the closure and the approval, and counts only referrals made since: assessed
        assertThat(of(true, false, List.of(), false)).isEqualTo(CaseStage.ASSESSED);
    }
}
