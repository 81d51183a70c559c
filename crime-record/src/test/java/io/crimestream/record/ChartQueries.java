package io.crimestream.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the Helm chart's alert rules and Grafana dashboard query, read from the
 * chart's files as they are in the repository: the tests that run the job or the controller
 * check that each name is one the running program exports (a misspelt name is an alert that never
 * fires and an empty panel), and the series names of a scrape to check them against. Shared here,
 * beside the other test fixtures of the project.
 */
public final class ChartQueries {

  private static final List<String> FILES = List.of("templates/prometheusrule.yaml", "dashboards/crimestream.json");

  private ChartQueries() {}

  /** The chart's folder, from a module's folder (where Maven runs its tests). */
  public static Path chart() {
    return Path.of("..", "helm", "crimestream");
  }

  /** The series names of a Prometheus text scrape (comments and blank lines left out). */
  public static Set<String> seriesIn(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  /** Every name starting with one of {@code prefixes} (e.g. {@code crimestream_}) the chart queries. */
  public static Set<String> names(String... prefixes) {
    Pattern name = Pattern.compile("\\b(?:" + String.join("|", prefixes) + ")[a-z_]+\\b");
    Set<String> used = new TreeSet<>();
    for (String file : FILES) {
      try {
        Matcher m = name.matcher(Files.readString(chart().resolve(file)));
        while (m.find()) {
          used.add(m.group());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the chart's " + file + " cannot be read", e);
      }
    }
    return used;
  }
}
