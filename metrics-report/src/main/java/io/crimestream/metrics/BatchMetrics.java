package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What one micro-batch did and every model's figures after it.
 *
 * @param batch        Spark's micro-batch id
 * @param rowsInBatch  new valid rows this batch added
 * @param rowsTotal    unique valid rows seen so far, this batch included
 * @param rowsTraining rows the models were trained on (the training window's share of rowsTotal
 *                     minus the held-out rows)
 * @param cycleMillis  from the batch's start to its metrics being published
 * @param time         when the batch finished, ISO-8601
 * @param models       model name (e.g. {@code random_forest}) to its figures
 * @param stageMillis  where the cycle's time went: {@code accumulate} (decode, dead letters,
 *                     dedup, checkpointed rows), {@code score} (prequential), {@code train}
 *                     (training frame and every fit, concurrently), {@code evaluate} (held out),
 *                     {@code save} (the registry)
 * @param drift        each drift detector's statistic after the batch, and whether it detected
 *                     a change in it
 * @param records      records the micro-batch held, valid or not: the batch size the stream used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchMetrics(long batch, long rowsInBatch, long rowsTotal, long rowsTraining,
                           long cycleMillis, String time, Map<String, ModelMetrics> models,
                           Map<String, Long> stageMillis, Map<String, DriftStatus> drift, Long records) {

  /** Without a breakdown of the cycle. */
  public BatchMetrics(long batch, long rowsInBatch, long rowsTotal, long rowsTraining,
                      long cycleMillis, String time, Map<String, ModelMetrics> models) {
    this(batch, rowsInBatch, rowsTotal, rowsTraining, cycleMillis, time, models, null, null, null);
  }
}
