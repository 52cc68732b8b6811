package org.clvkit.models.cnbd;

/** The purchase-model contract for the MBG/CNBD-k. */
class MbgCnbdContractTest extends CnbdContract {
  @Override
  int dropout() {
    return 1;
  }
}
