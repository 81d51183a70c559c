package io.crimestream.controller.settings;

import io.crimestream.options.Counts;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is wrong with a CrimeStream's spec, one line per problem, each naming the field and what
 * to do. A value the job or the producer takes is checked here by its option's own parser, so
 * that the controller refuses exactly what the program would: {@code spec.spark.triggerInterval:
 * '1 fortnight' is not a duration such as 1s, 500ms, 2m or 1h (a whole number and a unit)}.
 */
public final class SpecProblems {

  private final List<String> lines = new ArrayList<>();

  /** Adds a problem, already worded with its field. */
  public void add(String problem) {
    lines.add(problem);
  }

  /**
   * The value of {@code text} as {@code def} parses it; empty when the field is absent
   * ({@code text} null) or refused (then the refusal is added, after the field's name).
   */
  public <T> Optional<T> option(String field, OptionDef<T> def, String text) {
    return option(field, def, text, null);
  }

  /** As {@link #option(String, OptionDef, String)}, with what else to do if it is refused. */
  public <T> Optional<T> option(String field, OptionDef<T> def, String text, String otherwise) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(def.parse(text));
    } catch (OptionException e) {
      lines.add(field + ": " + e.reason() + (otherwise == null ? "" : "; " + otherwise));
      return Optional.empty();
    }
  }

  /**
   * A field the spec holds as a number, checked as the program reads it: from the text the
   * controller renders it to on the command line.
   */
  public <T> Optional<T> option(String field, OptionDef<T> def, Number value) {
    return option(field, def, value, null);
  }

  /** As {@link #option(String, OptionDef, Number)}, with what else to do if it is refused. */
  public <T> Optional<T> option(String field, OptionDef<T> def, Number value, String otherwise) {
    if (value == null) {
      return Optional.empty();
    }
    return option(field, def, value instanceof Double d ? Counts.render(d) : value.toString(),
        otherwise);
  }

  /** Whether no problem was found. */
  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** Throws the problems found so far, if any. */
  public void throwIfAny() throws InvalidSpecException {
    if (!lines.isEmpty()) {
      throw new InvalidSpecException(lines);
    }
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }
}
