package org.clvkit.models;

/**
 * A {@link PurchaseModel} in continuous time (BG/NBD, MBG/NBD, Pareto/NBD): purchases happen at any
 * time, so horizons, recencies and ages are any finite numbers &gt;= 0 in the caller's period, and
 * {@link #probabilityAlive(double, double, double)} is the probability of being alive at the end of
 * observation T.
 *
 * <p>The period is only a unit: the same data in another unit (every time multiplied by c) give the
 * same predictions, with the time-carrying parameters (α, β) multiplied by c.
 */
public interface ContinuousPurchaseModel extends PurchaseModel {}
