/**
 * Thailand's regions, provinces, districts and subdistricts with their DOPA codes, postcodes and centroids:
 * read-only reference data loaded by migration.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.geography;
