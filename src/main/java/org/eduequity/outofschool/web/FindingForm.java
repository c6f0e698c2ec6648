package org.eduequity.outofschool.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.eduequity.outofschool.FoundChildDocument;

/**
 * What the short mobile form posts; everything is text so that a bad value is shown against its field. The hidden
 * {@code externalId}, made when the form is opened, keeps a resubmitted form from recording the child twice.
 */
public class FindingForm {

    private String externalId;
    private String birthDate;
    private String firstName;
    private String lastName;
    private String sex;
    private String nationalId;
    private String noIdReason;
    private String houseNo;
    private String villageNo;
    private String subdistrictCode;
    private String lat;
    private String lon;
    private String guardianPhone;
    private String situation;
    private String highestGrade;
    private String leftSchoolOn;
    private List<String> reasons = new ArrayList<>();
    private List<String> needs = new ArrayList<>();
    private String notes;
    private String surveyedOn;
    private String notDuplicateReason;

    /** The document the service checks; problems of the form's own fields (village number, GPS) are added to {@code problems}. */
    FoundChildDocument document(List<String[]> problems) {
        Integer village = null;
        if (villageNo != null && !villageNo.isBlank()) {
            try {
                village = Integer.valueOf(villageNo.strip());
            } catch (NumberFormatException e) {
                problems.add(new String[] {"villageNo", "finding.error.villageNo"});
            }
        }
        BigDecimal theLat = decimal(lat, "lat", problems);
        BigDecimal theLon = decimal(lon, "lon", problems);
        return new FoundChildDocument(externalId, nationalId, noIdReason, firstName, lastName, birthDate, sex, surveyedOn,
                new FoundChildDocument.Address(houseNo, village, subdistrictCode),
                theLat == null && theLon == null ? null : new FoundChildDocument.Location(theLat, theLon), guardianPhone, situation,
                highestGrade, leftSchoolOn, reasons, needs, notes, notDuplicateReason);
    }

    private static BigDecimal decimal(String value, String field, List<String[]> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new String[] {field, "finding.error.location"});
            return null;
        }
    }

    /** The form field a problem of the document belongs to. */
    static String field(String documentField) {
        String f = documentField.replaceAll("\\[\\d+]$", "");
        return switch (f) {
            case "address.houseNo" -> "houseNo";
            case "address.villageNo" -> "villageNo";
            case "address.subdistrictCode" -> "subdistrictCode";
            case "location" -> "lat";
            case "externalId" -> "nationalId";
            default -> f;
        };
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(String birthDate) {
        this.birthDate = birthDate;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getSex() {
        return sex;
    }

    public void setSex(String sex) {
        this.sex = sex;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public String getNoIdReason() {
        return noIdReason;
    }

    public void setNoIdReason(String noIdReason) {
        this.noIdReason = noIdReason;
    }

    public String getHouseNo() {
        return houseNo;
    }

    public void setHouseNo(String houseNo) {
        this.houseNo = houseNo;
    }

    public String getVillageNo() {
        return villageNo;
    }

    public void setVillageNo(String villageNo) {
        this.villageNo = villageNo;
    }

    public String getSubdistrictCode() {
        return subdistrictCode;
    }

    public void setSubdistrictCode(String subdistrictCode) {
        this.subdistrictCode = subdistrictCode;
    }

    public String getLat() {
        return lat;
    }

    public void setLat(String lat) {
        this.lat = lat;
    }

    public String getLon() {
        return lon;
    }

    public void setLon(String lon) {
        this.lon = lon;
    }

    public String getGuardianPhone() {
        return guardianPhone;
    }

    public void setGuardianPhone(String guardianPhone) {
        this.guardianPhone = guardianPhone;
    }

    public String getSituation() {
        return situation;
    }

    public void setSituation(String situation) {
        this.situation = situation;
    }

    public String getHighestGrade() {
        return highestGrade;
    }

    public void setHighestGrade(String highestGrade) {
        this.highestGrade = highestGrade;
    }

    public String getLeftSchoolOn() {
        return leftSchoolOn;
    }

    public void setLeftSchoolOn(String leftSchoolOn) {
        this.leftSchoolOn = leftSchoolOn;
    }

    public List<String> getReasons() {
        return reasons;
    }

    public void setReasons(List<String> reasons) {
        this.reasons = reasons == null ? new ArrayList<>() : reasons;
    }

    public List<String> getNeeds() {
        return needs;
    }

    public void setNeeds(List<String> needs) {
        this.needs = needs == null ? new ArrayList<>() : needs;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public String getSurveyedOn() {
        return surveyedOn;
    }

    public void setSurveyedOn(String surveyedOn) {
        this.surveyedOn = surveyedOn;
    }

    public String getNotDuplicateReason() {
        return notDuplicateReason;
    }

    public void setNotDuplicateReason(String notDuplicateReason) {
        this.notDuplicateReason = notDuplicateReason;
    }

    /** The version of the record being edited (the edit form only). */
    private Long version;

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    /** The form prefilled with a found record, for editing it (dates in the Buddhist era, as typed). */
    static FindingForm of(org.eduequity.outofschool.FoundChildren.FoundChild c, String externalId) {
        FindingForm f = new FindingForm();
        f.setExternalId(externalId);
        f.setBirthDate(c.birthDate() == null ? null : org.eduequity.shared.BuddhistDate.formatShort(c.birthDate()));
        f.setFirstName(c.firstName());
        f.setLastName(c.lastName());
        f.setSex(c.sex());
        f.setNationalId(c.nationalId());
        f.setNoIdReason(c.noIdReason());
        f.setHouseNo(c.houseNo());
        f.setVillageNo(c.villageNo() == null ? null : String.valueOf(c.villageNo()));
        f.setSubdistrictCode(c.subdistrictCode());
        f.setLat(c.lat() == null ? null : c.lat().toPlainString());
        f.setLon(c.lon() == null ? null : c.lon().toPlainString());
        f.setGuardianPhone(c.guardianPhone());
        f.setSituation(c.situation());
        f.setHighestGrade(c.highestGrade());
        f.setLeftSchoolOn(c.leftSchoolOn() == null ? null : org.eduequity.shared.BuddhistDate.formatShort(c.leftSchoolOn()));
        f.setReasons(new ArrayList<>(c.reasons().stream().map(Enum::name).toList()));
        f.setNeeds(new ArrayList<>(c.needs().stream().map(Enum::name).toList()));
        f.setNotes(c.notes());
        f.setSurveyedOn(c.surveyedOn() == null ? null : org.eduequity.shared.BuddhistDate.formatShort(c.surveyedOn()));
        f.setNotDuplicateReason(c.notDuplicateReason());
        f.setVersion(c.version());
        return f;
    }
}
