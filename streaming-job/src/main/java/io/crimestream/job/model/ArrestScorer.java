package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import java.util.List;

/** Anything that scores rows with a probability of arrest: a fitted model or the rate baseline. */
public interface ArrestScorer {

  /** The name in metrics, e.g. {@code random_forest}. */
  String name();

  /** Milliseconds it took to fit. */
  long trainMillis();

  double[] score(List<EncodedRow> rows);
}
