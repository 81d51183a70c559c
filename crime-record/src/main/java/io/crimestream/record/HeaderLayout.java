package io.crimestream.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which column holds which field, read from a CSV header.
 *
 * <p>The three export formats differ in names ({@code Primary Type} / {@code primary_type}),
 * order (Socrata sorts columns alphabetically) and extra columns; the layout absorbs all of that.
 * One more thing real files do: pandas writes its row index as a leading column, unnamed in the
 * Kaggle file and named {@code id} in {@code soda_2018.csv}, where the real ID is a second
 * {@code id}. A leading column that is unnamed, or that repeats a later column's name, is taken
 * for such an index and ignored.
 */
final class HeaderLayout {

  private final Map<CrimeField, Integer> columns;
  private final int width;
  private final boolean keyedByCaseNumber;

  private HeaderLayout(Map<CrimeField, Integer> columns, int width, boolean keyedByCaseNumber) {
    this.columns = columns;
    this.width = width;
    this.keyedByCaseNumber = keyedByCaseNumber;
  }

  static HeaderLayout of(List<String> header, String source) throws CrimeDataFormatException {
    List<String> names = new ArrayList<>(header);
    if (!names.isEmpty()) {
      names.set(0, names.get(0).replace("\uFEFF", "")); // byte-order mark
    }
    Map<CrimeField, Integer> columns = new EnumMap<>(CrimeField.class);
    for (int i = 0; i < names.size(); i++) {
      Optional<CrimeField> field = CrimeField.fromHeader(names.get(i));
      if (field.isEmpty()) {
        continue;
      }
      Integer earlier = columns.get(field.get());
      if (earlier == null) {
        columns.put(field.get(), i);
      } else if (earlier == 0) {
        columns.put(field.get(), i); // the leading column was a row index named like the field
      } else {
        throw new CrimeDataFormatException(source + ": the header names " + field.get().wireName()
            + " twice (columns " + (earlier + 1) + " and " + (i + 1) + "), so it is unclear which one holds it");
      }
    }
    // Socrata queries often select the columns without id: the case number keys the incident then
    boolean keyedByCaseNumber = !columns.containsKey(CrimeField.ID)
        && columns.containsKey(CrimeField.CASE_NUMBER);
    List<String> missing = Arrays.stream(CrimeField.values())
        .filter(f -> f.required() && !columns.containsKey(f))
        .filter(f -> !(f == CrimeField.ID && keyedByCaseNumber))
        .map(f -> f == CrimeField.ID ? "id (or case_number)" : f.wireName())
        .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new CrimeDataFormatException(source + ": not a Chicago crimes export: the header lacks "
          + String.join(", ", missing) + ". Expected the city's columns, as the portal export names them"
          + " (ID, Case Number, Date, ..., Arrest, ...) or as the Socrata API does (id, case_number,"
          + " date, ..., arrest, ...); found: " + abbreviate(names));
    }
    return new HeaderLayout(columns, names.size(), keyedByCaseNumber);
  }

  /** Whether the header has no id column, so that incidents are keyed by their case number. */
  boolean keyedByCaseNumber() {
    return keyedByCaseNumber;
  }

  int width() {
    return width;
  }

  /** The value of {@code field} in {@code row}, or {@code null} when the header lacks that column. */
  String get(List<String> row, CrimeField field) {
    Integer i = columns.get(field);
    return i == null ? null : row.get(i);
  }

  /** The header as found, escaped: a file in another encoding must not write raw bytes to a terminal. */
  private static String abbreviate(List<String> names) {
    return PrintableText.excerpt(String.join(", ", names), 300);
  }
}
