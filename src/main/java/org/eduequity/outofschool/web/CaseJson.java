package org.eduequity.outofschool.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eduequity.outofschool.Cases;

/** A case as the API writes it: stage, child, consent, assessment, carePlan, referrals, followUps, closure, timeline. */
final class CaseJson {

    private CaseJson() {
    }

    static Map<String, Object> of(Cases.CaseView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("version", v.version());
        m.put("stage", v.stage().name());
        m.put("child", child(v.child()));
        if (v.providerView()) {
            m.put("carePlan", v.carePlan() == null ? null : Map.of("interventions", v.carePlan().interventions().stream().map(CaseJson::intervention).toList()));
            m.put("referrals", v.referrals().stream().map(CaseJson::referral).toList());
            m.put("timeline", v.timeline().stream().map(CaseJson::entry).toList());
            return m;
        }
        m.put("openedBy", v.openedBy());
        m.put("openedAt", v.openedAt());
        Cases.ConsentView c = v.consent();
        if (c == null) {
            m.put("consent", null);
        } else {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("givenBy", c.givenBy().name());
            cm.put("giverName", c.giverName());
            cm.put("guardianNationalId", c.guardianNationalId());
            cm.put("givenOn", c.givenOn());
            cm.put("scopes", c.scopes().stream().sorted().map(Enum::name).toList());
            cm.put("recordedBy", c.recordedBy());
            cm.put("withdrawnOn", c.withdrawnOn());
            cm.put("withdrawalReason", c.withdrawalReason());
            m.put("consent", cm);
        }
        Cases.AssessmentView a = v.assessment();
        if (a == null) {
            m.put("assessment", null);
        } else {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("assessedOn", a.assessedOn());
            am.put("assessedBy", a.assessedBy());
            am.put("needs", a.needs().stream().map(Enum::name).toList());
            am.put("familySituation", a.familySituation());
            am.put("goals", a.goals());
            am.put("risks", a.risks());
            m.put("assessment", am);
        }
        m.put("carePlan", v.carePlan() == null ? null : plan(v.carePlan()));
        m.put("referrals", v.referrals().stream().map(CaseJson::referral).toList());
        m.put("followUps", v.followUps().stream().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("id", f.id());
            fm.put("dueOn", f.dueOn());
            fm.put("doneOn", f.doneOn());
            fm.put("seen", f.seen());
            fm.put("notSeenReason", f.notSeenReason());
            fm.put("action", f.action());
            fm.put("anotherVisitNeeded", f.anotherVisitNeeded());
            fm.put("recommendClosure", f.recommendClosure());
            fm.put("responsible", f.responsible());
            return fm;
        }).toList());
        if (v.closure() == null) {
            m.put("closure", null);
        } else {
            Map<String, Object> cl = new LinkedHashMap<>();
            cl.put("outcome", v.closure().outcome().name());
            cl.put("closedOn", v.closure().closedOn());
            cl.put("note", v.closure().note());
            cl.put("closedBy", v.closure().closedBy());
            m.put("closure", cl);
        }
        m.put("timeline", v.timeline().stream().map(CaseJson::entry).toList());
        return m;
    }

    private static Map<String, Object> child(Cases.CaseChild c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.foundChildId() != null) {
            m.put("foundChildId", c.foundChildId());
        }
        m.put("identityShared", c.identityShown());
        m.put("nationalId", c.nationalId());
        m.put("firstName", c.firstName());
        m.put("lastName", c.lastName());
        m.put("birthDate", c.birthDate());
        m.put("age", c.ageYears());
        m.put("ageBand", c.ageBand().label());
        m.put("sex", c.sex().equals("MALE") ? "M" : "F");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("houseNo", c.houseNo());
        address.put("villageNo", c.villageNo());
        address.put("subdistrictCode", c.subdistrictCode());
        m.put("address", address);
        m.put("guardianPhone", c.guardianPhone());
        m.put("needs", c.needs().stream().map(Enum::name).toList());
        return m;
    }

    static Map<String, Object> plan(Cases.PlanView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("goals", p.goals());
        m.put("status", p.status().name());
        m.put("comment", p.comment());
        m.put("decidedBy", p.decidedBy());
        m.put("decidedAt", p.decidedAt());
        m.put("interventions", p.interventions().stream().map(CaseJson::intervention).toList());
        return m;
    }

    private static Map<String, Object> intervention(Cases.Intervention i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("serviceType", i.serviceType().name());
        m.put("providerCode", i.providerCode());
        m.put("goal", i.goal());
        m.put("responsible", i.responsible());
        m.put("targetDate", i.targetDate());
        m.put("monitoring", i.monitoring().name());
        m.put("carriedOut", i.carriedOut());
        return m;
    }

    private static Map<String, Object> referral(Cases.Referral r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("interventionId", r.interventionId());
        m.put("providerCode", r.providerCode());
        m.put("status", r.status().name());
        m.put("notes", r.notes());
        m.put("consentOverrideReason", r.consentOverrideReason());
        m.put("referredBy", r.referredBy());
        m.put("referredAt", r.referredAt());
        m.put("declineReason", r.declineReason());
        m.put("successful", r.successful());
        m.put("unsuccessfulReason", r.unsuccessfulReason() == null ? null : r.unsuccessfulReason().name());
        m.put("servicesDelivered", r.servicesDelivered());
        m.put("doneOn", r.doneOn());
        m.put("revokeReason", r.revokeReason());
        m.put("version", r.version());
        return m;
    }

    private static Map<String, Object> entry(Cases.TimelineEntry t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("on", t.on());
        m.put("at", t.at());
        m.put("kind", t.kind());
        m.put("actor", t.actor());
        m.put("detail", t.detail());
        if (t.referralId() != null) {
            m.put("referralId", t.referralId());
        }
        return m;
    }
}
