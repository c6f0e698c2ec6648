package org.eduequity.screening;

/** The eight household-status areas whose points add up to the hardship score. */
public enum Area {
    DEPENDANTS, TENURE, DWELLING, FARMLAND, WATER, ELECTRICITY, VEHICLES, APPLIANCES
}
