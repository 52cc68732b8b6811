/**
 * Spark ML stages for clvkit: an {@link org.apache.spark.ml.Estimator} and {@link
 * org.apache.spark.ml.Model} pair for any continuous purchase model of clv-models' registry chosen
 * by id ({@link ContinuousPurchases}), one per common purchase model with the id fixed ({@link
 * BgNbdPurchases}, {@link MbgNbdPurchases}, {@link ParetoNbdPurchases}), and one for the
 * Gamma-Gamma spend model ({@link GammaGammaSpend}). They fit on a DataFrame of customer summaries
 * (frequency, recency, age, monetary value), append P(alive), expected purchases, expected spend
 * and CLV columns, take their settings as ML {@link org.apache.spark.ml.param.Param}s, and save and
 * load with ML persistence, so that {@code Pipeline.save} and {@code PipelineModel.load}
 * round-trip: the fitted model is stored as a clvkit model file ({@link
 * org.clvkit.models.io.ModelFiles}) inside the stage's folder.
 */
package org.clvkit.examples.spark.ml;
