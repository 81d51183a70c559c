package io.crimestream.options;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Months as {@code YYYY-MM}, one or a comma-separated list, as every program and the CRD take them. */
public final class Months {

  public static final String PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";
  private static final Pattern MONTH = Pattern.compile(PATTERN);

  private Months() {}

  public static YearMonth parse(String text) {
    if (!MONTH.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a month: write YYYY-MM, e.g. 2016-05");
    }
    return YearMonth.parse(text);
  }

  /** A comma-separated list, in time order, each month once. */
  public static List<YearMonth> parseList(String text) {
    List<YearMonth> months = new ArrayList<>();
    TreeSet<YearMonth> seen = new TreeSet<>();
    for (String part : text.split(",", -1)) {
      YearMonth m = parse(part.strip());
      if (!seen.add(m)) {
        throw new IllegalArgumentException("lists " + m + " twice");
      }
      months.add(m);
    }
    return List.copyOf(seen);
  }

  public static String render(List<YearMonth> months) {
    return months.stream().map(YearMonth::toString).collect(Collectors.joining(","));
  }
}
