package org.eduequity.outofschool.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eduequity.outofschool.Providers;

/** The provider form (create and edit); area codes are district or subdistrict codes separated by commas or spaces. */
public class ProviderForm {

    private String code;
    private String nameTh;
    private String nameEn;
    private String type;
    private String provinceCode;
    private String contactName;
    private String phone;
    private String email;
    private String address;
    private String bankCode;
    private String bankAccountNo;
    private String bankAccountName;
    private List<String> services = new ArrayList<>();
    private String areaCodes;
    private boolean active = true;
    private long version;

    static ProviderForm of(Providers.Provider p) {
        ProviderForm f = new ProviderForm();
        f.code = p.code();
        f.nameTh = p.nameTh();
        f.nameEn = p.nameEn();
        f.type = p.type().name();
        f.provinceCode = p.provinceCode();
        f.contactName = p.contactName();
        f.phone = p.phone();
        f.email = p.email();
        f.address = p.address();
        f.bankCode = p.bankCode();
        f.bankAccountNo = p.bankAccountNo();
        f.bankAccountName = p.bankAccountName();
        f.services = new ArrayList<>(p.services().stream().map(Enum::name).toList());
        f.areaCodes = String.join(", ", p.areaCodes());
        f.active = p.active();
        f.version = p.version();
        return f;
    }

    Providers.ProviderData data() {
        Set<String> areas = new LinkedHashSet<>();
        if (areaCodes != null) {
            for (String a : areaCodes.split("[,\\s]+")) {
                if (!a.isBlank()) {
                    areas.add(a.strip());
                }
            }
        }
        return new Providers.ProviderData(code, nameTh, nameEn, type, provinceCode, contactName, phone, email, address, bankCode,
                bankAccountNo, bankAccountName, new LinkedHashSet<>(services), areas, active);
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getNameTh() {
        return nameTh;
    }

    public void setNameTh(String nameTh) {
        this.nameTh = nameTh;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getProvinceCode() {
        return provinceCode;
    }

    public void setProvinceCode(String provinceCode) {
        this.provinceCode = provinceCode;
    }

    public String getContactName() {
        return contactName;
    }

    public void setContactName(String contactName) {
        this.contactName = contactName;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getBankCode() {
        return bankCode;
    }

    public void setBankCode(String bankCode) {
        this.bankCode = bankCode;
    }

    public String getBankAccountNo() {
        return bankAccountNo;
    }

    public void setBankAccountNo(String bankAccountNo) {
        this.bankAccountNo = bankAccountNo;
    }

    public String getBankAccountName() {
        return bankAccountName;
    }

    public void setBankAccountName(String bankAccountName) {
        this.bankAccountName = bankAccountName;
    }

    public List<String> getServices() {
        return services;
    }

    public void setServices(List<String> services) {
        this.services = services == null ? new ArrayList<>() : services;
    }

    public String getAreaCodes() {
        return areaCodes;
    }

    public void setAreaCodes(String areaCodes) {
        this.areaCodes = areaCodes;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
