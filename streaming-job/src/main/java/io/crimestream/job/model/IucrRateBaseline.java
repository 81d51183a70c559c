package io.crimestream.job.model;

import io.crimestream.job.features.ArrestRates;
import io.crimestream.job.features.EncodedRow;
import io.crimestream.options.ModelKind;
import java.util.List;

/**
 * Not a learned model but the bar one has to clear: an incident's score is the past arrest rate
 * of its IUCR code, backing off to its primary type's rate when the code is rare, and to the
 * overall rate when the type is too (see {@link ArrestRates}). Fitted on exactly the rows the
 * models train on.
 */
public final class IucrRateBaseline implements ArrestScorer {

  private final ArrestRates rates;
  private final long trainMillis;

  private IucrRateBaseline(ArrestRates rates, long trainMillis) {
    this.rates = rates;
    this.trainMillis = trainMillis;
  }

  /** The baseline of rates counted before (a saved model's). */
  public static IucrRateBaseline of(ArrestRates rates) {
    return new IucrRateBaseline(rates, 0);
  }

  /** The rates it scores with. */
  public ArrestRates rates() {
    return rates;
  }

  public static IucrRateBaseline fit(List<EncodedRow> rows) {
    long start = System.nanoTime();
    ArrestRates rates = ArrestRates.fit(rows);
    return new IucrRateBaseline(rates, (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public String name() {
    return ModelKind.IUCR_RATE_BASELINE;
  }

  @Override
  public long trainMillis() {
    return trainMillis;
  }

  @Override
  public double[] score(List<EncodedRow> rows) {
    double[] s = new double[rows.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = rates.iucrRate(rows.get(i).keys());
    }
    return s;
  }
}
