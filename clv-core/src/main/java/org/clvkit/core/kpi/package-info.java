/**
 * Customer KPIs: per-period retention and churn, the cohort retention table, ARPU, average order
 * value, purchase frequency and repeat-purchase rate from a transaction log ({@link
 * org.clvkit.core.kpi.ActivityTable}) or from counts ({@link org.clvkit.core.kpi.Kpis}); the Net
 * Promoter Score ({@link org.clvkit.core.kpi.NetPromoterScore}); and the NPV and ROI of a retention
 * programme ({@link org.clvkit.core.kpi.RetentionProgramme}, {@link
 * org.clvkit.core.kpi.Kpis#netPresentValue}).
 */
package org.clvkit.core.kpi;
