package io.crimestream.record;

import java.util.Locale;
import java.util.Set;

/**
 * Primary types that are mostly written up because someone was arrested: a narcotics or
 * prostitution incident rarely enters the records without an arrest (on the shared real exports,
 * 96-100% of these rows have {@code arrest=true}). Predicting arrests for them is partly circular,
 * so evaluation can leave them out.
 */
public final class ArrestRecordedTypes {

  public static final Set<String> PRIMARY_TYPES = Set.of(
      "NARCOTICS",
      "OTHER NARCOTIC VIOLATION",
      "PROSTITUTION",
      "GAMBLING",
      "LIQUOR LAW VIOLATION",
      "INTERFERENCE WITH PUBLIC OFFICER",
      "CONCEALED CARRY LICENSE VIOLATION",
      "PUBLIC INDECENCY");

  private ArrestRecordedTypes() {}

  public static boolean isArrestRecorded(CrimeRecord r) {
    return r.primaryType() != null && PRIMARY_TYPES.contains(r.primaryType().toUpperCase(Locale.ROOT));
  }
}
