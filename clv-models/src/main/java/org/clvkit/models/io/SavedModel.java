package org.clvkit.models.io;

import org.clvkit.core.Checks;
import org.clvkit.models.Model;

/**
 * A model loaded by {@link ModelFiles} with what the file says about it.
 *
 * @param model the model, with its {@link org.clvkit.models.FitReport} when it was saved fitted
 * @param modelType the model's name as in the file ({@code "BG/NBD"}, ...)
 * @param formatVersion the file's format version
 * @param libraryVersion the clvkit version that wrote the file
 * @param provenance the time unit and fit date given when the model was saved
 * @param <M> the model class asked for
 */
public record SavedModel<M extends Model>(
    M model, String modelType, int formatVersion, String libraryVersion, Provenance provenance) {

  /** Validates that nothing is null and the version is positive. */
  public SavedModel {
    Checks.notNull("model", model);
    Checks.notBlank("modelType", modelType);
    Checks.positive("formatVersion", formatVersion);
    Checks.notBlank("libraryVersion", libraryVersion);
    Checks.notNull("provenance", provenance);
  }
}
