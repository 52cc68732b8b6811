package org.clvkit.models.cnbd;

/** The purchase-model contract for the BG/CNBD-k. */
class BgCnbdContractTest extends CnbdContract {
  @Override
  int dropout() {
    return 0;
  }
}
