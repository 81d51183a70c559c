package io.crimestream.job.predictions;

import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.metrics.Prediction;

/** A prediction and the input record (topic, partition, offset) it was made for. */
public record SourcedPrediction(Prediction prediction, IncomingRecord source) {}
