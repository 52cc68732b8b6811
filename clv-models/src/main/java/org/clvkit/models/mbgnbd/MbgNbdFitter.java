package org.clvkit.models.mbgnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ModelType;
import org.clvkit.models.bgnbd.BgNbdFamilyFitter;

/**
 * Fits the MBG/NBD by maximum likelihood (the log-likelihood of Batislam, Denizel &amp; Filiztekin
 * 2007 as BTYDplus writes it, {@code mbgcnbd.LL} with k = 1), as every member of the {@link
 * BgNbdFamilyFitter BG/NBD family} is fitted. Immutable and reusable.
 *
 * <pre>{@code
 * MbgNbdModel model = MbgNbdFitter.create().fit(frequency, recency, age);
 * System.out.println(model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class MbgNbdFitter extends BgNbdFamilyFitter<MbgNbdModel> {

  private MbgNbdFitter(FitSettings settings, Executor executor) {
    super(settings, executor);
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static MbgNbdFitter create() {
    return new MbgNbdFitter(FitSettings.DEFAULT, null);
  }

  @Override
  public ModelType<MbgNbdModel> type() {
    return MbgNbdModel.TYPE;
  }

  /** This fitter with other settings. */
  @Override
  public MbgNbdFitter withSettings(FitSettings value) {
    return new MbgNbdFitter(Checks.notNull("settings", value), executor());
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
  public MbgNbdFitter withExecutor(Executor value) {
    return new MbgNbdFitter(settings(), value);
  }
}
