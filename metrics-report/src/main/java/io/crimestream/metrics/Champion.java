package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The model whose predictions are published, and which of its versions.
 *
 * @param model   the model's name, e.g. {@code logistic_regression}
 * @param version its version in the model registry
 * @param since   the batch from which this model (at any version) is the champion
 * @param rolledBack whether it serves an earlier version than its latest, which did worse
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Champion(String model, int version, long since, boolean rolledBack) {}
