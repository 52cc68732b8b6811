package org.clvkit.models.cnbd;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Fitter;
import org.clvkit.models.Model;

/**
 * A {@link Fitter} whose likelihood also reads each customer's litt, the sum of the logarithms of
 * the customer's inter-purchase times (BTYDplus's {@code litt}): the (M)BG/CNBD-k fitters, which
 * need it to choose the regularity k. Programs that hold a litt column (a summary's {@code litt})
 * test for this capability instead of switching over model names.
 *
 * @param <M> the model type it produces
 */
public interface LittFitter<M extends Model> extends Fitter<M> {

  /**
   * Fits the model with each row's litt.
   *
   * @param data customer histories, raw or compressed, with weights
   * @param litt one value per row of {@code data}, in the data's period (for a compressed row, the
   *     mean over its customers); finite, 0 when the frequency is 0
   * @throws org.clvkit.models.FitFailedException when the fit fails and the settings do not allow
   *     that
   * @throws org.clvkit.core.ClvArgumentException when a value is outside the model's domain
   */
  M fit(CustomerHistories data, double[] litt);

  /** Whether {@link #fit(CustomerHistories)} needs litt (it does when k is chosen, not fixed). */
  boolean needsLitt();
}
