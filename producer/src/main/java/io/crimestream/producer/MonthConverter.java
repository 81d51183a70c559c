package io.crimestream.producer;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads {@code YYYY-MM} for picocli, with a message that says so. */
public final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {
  @Override
  public YearMonth convert(String value) {
    try {
      return YearMonth.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a month: expected YYYY-MM, e.g. 2016-05");
    }
  }
}
