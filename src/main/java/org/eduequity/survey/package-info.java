/**
 * Children, households, home visits and photos: what teachers record.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.survey;
