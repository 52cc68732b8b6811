package org.clvkit.examples.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The command's worker threads: daemon threads on the machine's cores, named for what they do. */
final class Workers {
  private Workers() {}

  /** The number of cores, at most {@code cap}, at least 1. */
  static int cores(int cap) {
    return Math.max(1, Math.min(cap, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A fixed pool of {@code threads} daemon threads named {@code clv-<name>-N}; the caller shuts it
   * down.
   */
  static ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "clv-" + name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * The pool a command's model fits run on (the library's fitters give the same fit, bit for bit,
   * with or without one: MCMC chains and likelihood chunks run on it), or null on one core.
   */
  static ExecutorService fits() {
    int threads = cores(8);
    return threads == 1 ? null : pool("fit", threads);
  }
}
