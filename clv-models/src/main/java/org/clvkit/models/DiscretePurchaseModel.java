package org.clvkit.models;

/**
 * A {@link PurchaseModel} in discrete time (BG/BB): customers have one purchase opportunity per
 * period and either buy or not, so times are whole numbers of opportunities. {@code frequency} x is
 * the number of opportunities with a purchase, {@code recency} t_x the opportunity of the last one
 * (0 when none), {@code age} n the number of opportunities observed; horizons are whole numbers;
 * {@link #probabilityAlive(double, double, double)} is the probability of being alive at the next
 * opportunity n + 1 (Fader, Hardie and Shang 2010, eq. 11). Non-integer times are rejected with the
 * message of the integer rule. {@link #expectedPurchases(double)} and {@link
 * #probabilityOfPurchases(int, double)} count purchases in the next t opportunities of a new
 * customer; {@link #conditionalExpectedPurchases(double, double, double, double)} those in
 * opportunities n + 1 .. n + t.
 */
public interface DiscretePurchaseModel extends PurchaseModel {}
