package org.clvkit.models.cnbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.FitReport;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.junit.jupiter.api.Test;

/** Fitted (M)BG/CNBD-k models through model files: parameters, k and the fit report survive. */
class CnbdModelFilesTest {

  @Test
  void fittedModels_roundTripThroughModelFiles() {
    CnbdParameters truth = new CnbdParameters(2, 0.55, 3.0, 0.9, 1.6);
    double[] ages = new double[3000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 27 + 12.0 * i / ages.length;
    }
    CnbdSimulator simulator = CnbdSimulator.bgCnbd(truth, 4);
    BgCnbdModel bg = BgCnbdFitter.create().fit(simulator.histories(ages), simulator.litt(ages));
    String text = ModelFiles.toText(bg, Provenance.now("week"));
    assertTrue(text.contains("# BG/CNBD-k model"), text);
    BgCnbdModel back = ModelFiles.fromText(text, BgCnbdModel.class).model();
    assertArrayEquals(bg.parameterValues(), back.parameterValues());
    assertEquals(bg.k(), back.k());
    FitReport report = back.fitReport().orElseThrow();
    assertEquals(bg.fitReport().orElseThrow().estimates(), report.estimates());
    assertEquals(
        bg.probabilityAlive(3, 20, 30), back.probabilityAlive(3, 20, 30), 0.0, "same model");

    MbgCnbdModel given = MbgCnbdModel.of(truth);
    MbgCnbdModel loaded =
        ModelFiles.fromText(ModelFiles.toText(given, Provenance.now("week")), MbgCnbdModel.class)
            .model();
    assertArrayEquals(given.parameterValues(), loaded.parameterValues());
    assertTrue(loaded.fitReport().isEmpty());
  }
}
