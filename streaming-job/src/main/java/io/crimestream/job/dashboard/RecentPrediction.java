package io.crimestream.job.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crimestream.metrics.Prediction;
import io.crimestream.record.CrimeRecord;

/**
 * One of the latest predictions as the dashboard lists it: the published prediction, and what a
 * person needs to read it: the incident's type and description (free text from the city, shown
 * as text, never as HTML) and whether it did end in an arrest (the label the stream then learned).
 *
 * @param arrest whether the incident ended in an arrest; {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecentPrediction(Prediction prediction, String primaryType, String description, Boolean arrest) {

  /** The prediction with its incident's text, if the incident is known. */
  public static RecentPrediction of(Prediction prediction, CrimeRecord incident) {
    return incident == null ? new RecentPrediction(prediction, null, null, null)
        : new RecentPrediction(prediction, incident.primaryType(), incident.description(), incident.arrest());
  }
}
