package org.clvkit.models.bgnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ModelType;

/**
 * Fits the BG/NBD by maximum likelihood (the log-likelihood of Fader, Hardie &amp; Lee 2005,
 * section 7), as every member of the {@link BgNbdFamilyFitter BG/NBD family} is fitted. Immutable
 * and reusable.
 *
 * <pre>{@code
 * BgNbdModel model = BgNbdFitter.create().fit(frequency, recency, age);
 * System.out.println(model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class BgNbdFitter extends BgNbdFamilyFitter<BgNbdModel> {

  private BgNbdFitter(FitSettings settings, Executor executor) {
    super(settings, executor);
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static BgNbdFitter create() {
    return new BgNbdFitter(FitSettings.DEFAULT, null);
  }

  @Override
  public ModelType<BgNbdModel> type() {
    return BgNbdModel.TYPE;
  }

  /** This fitter with other settings. */
  @Override
  public BgNbdFitter withSettings(FitSettings value) {
    return new BgNbdFitter(Checks.notNull("settings", value), executor());
  }

  /**
   * This fitter evaluating the log-likelihood in parallel on {@code value}: the patterns are summed
   * in fixed chunks whose partial sums are added in chunk order, so the fit is the same, bit for
   * bit, with or without an executor. The fitter starts no threads; the caller owns the executor (a
   * {@link java.util.concurrent.ForkJoinPool} or a fixed thread pool, say) and shuts it down.
   *
   * @param value where the chunks run, or null (the default) for the calling thread
   */
  @Override
  public BgNbdFitter withExecutor(Executor value) {
    return new BgNbdFitter(settings(), value);
  }
}
