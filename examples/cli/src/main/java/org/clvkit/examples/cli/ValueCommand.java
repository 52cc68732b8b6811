package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.ReferralChain;
import org.clvkit.core.value.ReferralTotals;
import org.clvkit.core.value.ReferralValue;
import org.clvkit.core.value.SimpleClv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv value}: the formula calculators of core's {@code org.clvkit.core.value} from numbers
 * on the command line: simple CLV, discounted retention-based CLV with the margin multiple, and the
 * referral chain. Bad numbers are rejected with the library's message (exit code 2).
 */
@Command(
    name = "value",
    mixinStandardHelpOptions = true,
    description = "CLV formulas from numbers: simple, discounted (retention) and referral value.",
    subcommands = {
      ValueCommand.Simple.class,
      ValueCommand.Discounted.class,
      ValueCommand.Referral.class
    },
    footer = {"", ExitCodes.HELP})
final class ValueCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a formula must be given: simple, discounted or referral");
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%,.4f", v);
  }

  /** {@code clv value simple}. */
  @Command(
      name = "simple",
      mixinStandardHelpOptions = true,
      description = {
        "Simple CLV without discounting: (order value x purchases per period x gross margin - cost"
            + " to serve) x lifespan - acquisition cost."
      })
  static final class Simple implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--order-value", required = true, description = "Mean revenue per purchase.")
    double orderValue;

    @Option(
        names = "--purchases",
        required = true,
        description = "Purchases per period while active.")
    double purchases;

    @Option(names = "--lifespan", required = true, description = "Expected lifespan in periods.")
    double lifespan;

    @Option(
        names = "--gross-margin",
        defaultValue = "1",
        description = "Share of revenue that is gross profit, in [0, 1] (default 1: revenue).")
    double grossMargin;

    @Option(
        names = "--cost-to-serve",
        defaultValue = "0",
        description = "Cost of serving the customer per period (default 0).")
    double costToServe;

    @Option(
        names = "--acquisition-cost",
        defaultValue = "0",
        description = "Cost of acquiring the customer, paid once (default 0).")
    double acquisitionCost;

    @Override
    public Integer call() {
      SimpleClv clv =
          SimpleClv.of(orderValue, purchases, lifespan)
              .withGrossMargin(grossMargin)
              .withCostToServe(costToServe)
              .withAcquisitionCost(acquisitionCost);
      PrintWriter out = spec.commandLine().getOut();
      out.println("simple CLV (no discounting)");
      out.println("revenue per period        " + number(clv.revenuePerPeriod()));
      out.println("profit per period         " + number(clv.profitPerPeriod()));
      out.println("lifetime profit           " + number(clv.lifetimeProfit()));
      out.println("CLV (net of acquisition)  " + number(clv.value()));
      out.println("break-even acquisition    " + number(clv.breakEvenAcquisitionCost()));
      out.println("LTV / CAC                 " + optional(clv.ltvToCacRatio()));
      out.println("CAC payback (periods)     " + optional(clv.cacPaybackPeriods()));
      out.flush();
      return ExitCodes.OK;
    }

    private static String optional(OptionalDouble v) {
      return v.isPresent() ? number(v.getAsDouble()) : "n/a";
    }
  }

  /** {@code clv value discounted}. */
  @Command(
      name = "discounted",
      mixinStandardHelpOptions = true,
      description = {
        "Discounted retention-based CLV with constant margin m, retention r, discount d and margin"
            + " growth g per period; the margin multiple r / (1 + d - r (1 + g)) of Gupta and"
            + " Lehmann (2003)."
      })
  static final class Discounted implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--margin", required = true, description = "Margin per period (the first).")
    double margin;

    @Option(
        names = "--retention",
        required = true,
        description = "Retention rate per period, in [0, 1].")
    double retention;

    @Option(names = "--discount", required = true, description = "Discount rate per period.")
    double discount;

    @Option(
        names = "--growth",
        defaultValue = "0",
        description = "Margin growth per period (default 0).")
    double growth;

    @Option(
        names = "--periods",
        description = "Finite horizon in periods (default: infinite horizon only).")
    Integer periods;

    @Option(
        names = "--timing",
        defaultValue = "end",
        paramLabel = "end|start",
        description =
            "When each period's margin arrives: end (default, the margin multiple's convention)"
                + " or start of the period.")
    String timing;

    @Option(
        names = "--acquisition-cost",
        defaultValue = "0",
        description = "Subtracted from the values, paid at time 0 (default 0).")
    double acquisitionCost;

    @Override
    public Integer call() {
      CashFlowTiming t;
      switch (timing.toLowerCase(Locale.ROOT)) {
        case "end":
          t = CashFlowTiming.END_OF_PERIOD;
          break;
        case "start":
          t = CashFlowTiming.START_OF_PERIOD;
          break;
        default:
          throw CliException.usage("--timing must be end or start, was \"" + timing + "\"");
      }
      if (!(acquisitionCost >= 0) || Double.isInfinite(acquisitionCost)) {
        throw CliException.usage(
            "--acquisition-cost must be finite and >= 0, was " + acquisitionCost);
      }
      DiscountedClv clv = DiscountedClv.of(margin, retention, discount, t).withGrowth(growth);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "discounted CLV: margin %s, retention %s, discount %s, growth %s per period, margins at"
              + " the %s of each period%n",
          margin,
          retention,
          discount,
          growth,
          t == CashFlowTiming.END_OF_PERIOD ? "end" : "start");
      boolean converges = retention * (1 + growth) < 1 + discount;
      if (periods != null) {
        double v = clv.value(periods);
        out.printf(Locale.ROOT, "value over %d periods      %s%n", periods, number(v));
        if (acquisitionCost > 0) {
          out.printf(Locale.ROOT, "  net of acquisition cost  %s%n", number(v - acquisitionCost));
        }
      }
      if (converges) {
        out.println(
            "margin multiple           "
                + number(DiscountedClv.marginMultiple(retention, discount, growth)));
        double v = clv.infiniteHorizonValue();
        out.println("value, infinite horizon   " + number(v));
        if (acquisitionCost > 0) {
          out.println("  net of acquisition cost  " + number(v - acquisitionCost));
        }
      } else if (periods == null) {
        clv.infiniteHorizonValue(); // throws, saying that the sum diverges
      } else {
        out.printf(
            Locale.ROOT,
            "infinite horizon diverges: retention * (1 + growth) = %s must be < 1 + discount ="
                + " %s%n",
            retention * (1 + growth),
            1 + discount);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code clv value referral}. */
  @Command(
      name = "referral",
      mixinStandardHelpOptions = true,
      description = {
        "Referral value over generations of a referral chain (Kumar, Petersen and Leone 2007,"
            + " extended to chains): each referral is worth s V + (1 - s) A - w when the referred"
            + " customer joins, discounted per period."
      })
  static final class Referral implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--referrals",
        required = true,
        split = ",",
        paramLabel = "R1,R2,...",
        description =
            "Expected successful referrals in each period after joining, e.g. 0.2,0.2,0.2.")
    double[] referrals;

    @Option(
        names = "--incremental-share",
        defaultValue = "1",
        description = "Share s of referred customers who join only because of the referral.")
    double incrementalShare;

    @Option(
        names = "--referred-value",
        defaultValue = "0",
        description = "Own value V of such a referred customer when joining.")
    double referredValue;

    @Option(
        names = "--acquisition-cost-saved",
        defaultValue = "0",
        description = "Acquisition cost A saved for a referred customer who would have joined.")
    double acquisitionCostSaved;

    @Option(names = "--reward", defaultValue = "0", description = "Reward w per referral.")
    double reward;

    @Option(names = "--discount", defaultValue = "0", description = "Discount rate per period.")
    double discount;

    @Option(
        names = "--direct-value",
        defaultValue = "0",
        description = "The referrer's own value, shown as generation 0.")
    double directValue;

    @Option(
        names = "--generations",
        defaultValue = "3",
        description = "Generations of referrals to follow (default 3).")
    int generations;

    @Override
    public Integer call() {
      ReferralValue value =
          ReferralValue.builder()
              .referralSchedule(referrals)
              .incrementalShare(incrementalShare)
              .referredCustomerValue(referredValue)
              .acquisitionCostSaved(acquisitionCostSaved)
              .rewardPerReferral(reward)
              .discount(discount)
              .directValue(directValue)
              .build();
      ReferralChain chain = value.chain(generations);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "referral value: %s referrals per customer (%s discounted), %s per referral%n",
          number(value.expectedReferralsPerCustomer()),
          number(value.discountedReferralsPerCustomer()),
          number(value.valuePerReferral()));
      out.println("generation   customers        value");
      double[] customers = chain.customersByGeneration();
      double[] values = chain.valueByGeneration();
      for (int g = 0; g < values.length; g++) {
        out.printf(Locale.ROOT, "%10d %11s %12s%n", g, number(customers[g]), number(values[g]));
      }
      out.printf(
          Locale.ROOT,
          "total over %d generations: referral value %s, with the direct value %s%n",
          generations,
          number(chain.referralValue()),
          number(chain.totalValue()));
      if (value.converges()) {
        ReferralTotals all = value.infiniteChain();
        out.printf(
            Locale.ROOT,
            "infinite chain: %s referred customers, referral value %s, total %s%n",
            number(all.expectedReferredCustomers()),
            number(all.referralValue()),
            number(all.totalValue()));
      } else {
        out.printf(
            Locale.ROOT,
            "infinite chain diverges: expected referrals per customer = %s must be < 1%n",
            value.expectedReferralsPerCustomer());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
