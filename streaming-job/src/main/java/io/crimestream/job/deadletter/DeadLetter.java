package io.crimestream.job.deadletter;

import io.crimestream.record.Rejection;

/** A record that was not trained on, as it arrived, with why. */
public record DeadLetter(byte[] key, byte[] value, Rejection rejection) {}
