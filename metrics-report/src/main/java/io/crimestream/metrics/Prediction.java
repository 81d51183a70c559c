package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One incident's prediction, as published to {@code <topic>-predictions} (key: the crime id) and
 * written to {@code predictions.jsonl}: the champion's probability that the incident ends in an
 * arrest, scored before the incident was learned from.
 *
 * @param id             the crime id (or, for an export without ids, the case number): the key
 * @param date           when the incident happened, as on the wire (Chicago local time)
 * @param probability    the champion's probability of an arrest; absent before any model exists
 * @param predictedArrest whether {@code probability} reaches {@code threshold}
 * @param threshold      the champion's decision threshold for this batch
 * @param model          the champion model's name, or {@code null} before any model exists
 * @param modelVersion   the champion's version (see the model registry)
 * @param batch          the micro-batch that scored it; absent when scored offline
 *                       ({@code ./crimestream score})
 * @param scoredAt       when, ISO-8601
 * @param scores         every model's probability, the baseline's included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "date", "probability", "predictedArrest", "threshold", "model",
    "modelVersion", "batch", "scoredAt", "scores"})
public record Prediction(String id, String date, Double probability, Boolean predictedArrest,
                         Double threshold, String model, Integer modelVersion, Long batch,
                         String scoredAt, Map<String, Double> scores) {}
