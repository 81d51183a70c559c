package io.crimestream.metrics;

/**
 * One drift detector after a batch: its statistic, the threshold it is compared with, and
 * whether it detected a change in this batch (it then starts over).
 */
public record DriftStatus(double statistic, double threshold, boolean detected) {}
