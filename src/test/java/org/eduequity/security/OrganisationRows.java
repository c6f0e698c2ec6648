package org.eduequity.security;

import java.util.List;

/** Access-matrix rows of the organisation module's screens. */
final class OrganisationRows {

    private OrganisationRows() {
    }

    static List<AccessMatrixTests.Row> rows() {
        return List.of();
    }
}
