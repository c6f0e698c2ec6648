/**
 * The fund office's disbursement: programmes and budgets, payment rounds planned from certified list versions and
 * approved by a second fund user, and each child's append-only payment ledger (issue 7; API in survey-format.md,
 * "Disbursement").
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.disbursement;
