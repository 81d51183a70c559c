package io.crimestream.job.registry;

import io.crimestream.job.features.ArrestRates;
import io.crimestream.job.features.FeatureEncoder;

/**
 * What a saved model needs besides Spark's own files to score a raw record as it was trained:
 * the categories' indexes (the encoder's vocabularies) and the arrest rates of its training rows.
 * Saved once per batch, for every model fitted on that batch.
 *
 * @param encoder the encoder's state after the batch
 * @param rates   the training rows' arrest rates: features of the improved set's models, and
 *                the {@code iucr_rate_baseline}'s scores for either set
 */
public record FeatureState(FeatureEncoder.State encoder, ArrestRates.State rates) {}
