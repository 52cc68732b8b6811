package org.clvkit.core.kpi;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * Net Promoter Score (Reichheld 2003, "The one number you need to grow", Harvard Business Review)
 * from answers to "How likely is it that you would recommend us to a friend or colleague?" on a
 * 0–10 scale: promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6, and the score is the
 * percentage of promoters less the percentage of detractors, in [-100, 100]. It measures the
 * satisfaction-and-loyalty side of a customer's value, which transaction data does not show.
 *
 * @param promoters answers of 9 or 10, &gt;= 0
 * @param passives answers of 7 or 8, &gt;= 0
 * @param detractors answers of 0 to 6, &gt;= 0
 */
public record NetPromoterScore(long promoters, long passives, long detractors)
    implements Serializable {

  /** Validates the counts: not negative, at least one answer. */
  public NetPromoterScore {
    Checks.integerInRange("promoters", promoters, 0, Long.MAX_VALUE);
    Checks.integerInRange("passives", passives, 0, Long.MAX_VALUE);
    Checks.integerInRange("detractors", detractors, 0, Long.MAX_VALUE);
    if (promoters + passives + detractors == 0) {
      throw Checks.fail("promoters + passives + detractors must be > 0, was 0");
    }
  }

  /**
   * Counts survey answers.
   *
   * @param answers each an integer in [0, 10]; not empty
   * @return the counts of promoters, passives and detractors
   */
  public static NetPromoterScore of(int[] answers) {
    Checks.notNull("answers", answers);
    if (answers.length == 0) {
      throw Checks.fail("answers must not be empty");
    }
    long promoters = 0;
    long passives = 0;
    long detractors = 0;
    for (int i = 0; i < answers.length; i++) {
      int a = answers[i];
      if (a < 0 || a > 10) {
        Checks.integerInRange(Checks.indexed("answers", i), a, 0, 10);
      }
      if (a >= 9) {
        promoters++;
      } else if (a >= 7) {
        passives++;
      } else {
        detractors++;
      }
    }
    return new NetPromoterScore(promoters, passives, detractors);
  }

  /** The number of answers. */
  public long answers() {
    return promoters + passives + detractors;
  }

  /** The score: {@code 100 (promoters - detractors) / answers}, in [-100, 100]. */
  public double score() {
    return 100.0 * (promoters - detractors) / answers();
  }
}
