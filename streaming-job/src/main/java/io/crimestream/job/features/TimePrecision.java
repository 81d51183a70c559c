package io.crimestream.job.features;

import java.time.LocalDateTime;
import java.util.Locale;

/**
 * How precisely an incident's time was written down, read from the time itself.
 *
 * <p>An officer at the scene (where most arrests happen) records the minute; a victim who finds a
 * burglary or a theft later gives an estimate, rounded to the hour or the half hour, or only a
 * date (recorded as midnight). On the shared exports the difference is large: in 2016-05 of the
 * Kaggle file, 37% of incidents with an exact minute ended in an arrest, against 7% of those on
 * the hour and none at midnight. The field is known when the incident is reported, so the
 * feature uses nothing from the future.
 */
public enum TimePrecision {
  /** A minute that is not a multiple of five: written down at the time, most likely. */
  EXACT,
  /** A multiple of five minutes that is not also a quarter hour. */
  FIVE_MINUTES,
  /** :15 or :45. */
  QUARTER_HOUR,
  /** :30. */
  HALF_HOUR,
  /** On the hour, other than midnight. */
  HOUR,
  /** 00:00: usually a date without a time. */
  MIDNIGHT;

  public static TimePrecision of(LocalDateTime t) {
    int minute = t.getMinute();
    if (t.getSecond() != 0 || t.getNano() != 0 || minute % 5 != 0) {
      return EXACT;
    }
    if (minute == 0) {
      return t.getHour() == 0 ? MIDNIGHT : HOUR;
    }
    if (minute == 30) {
      return HALF_HOUR;
    }
    return minute % 15 == 0 ? QUARTER_HOUR : FIVE_MINUTES;
  }

  /** The name the feature's vocabulary and documentation use. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
