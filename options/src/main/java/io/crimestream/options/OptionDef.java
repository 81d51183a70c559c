package io.crimestream.options;

import java.util.Objects;
import java.util.function.Function;

/**
 * One option the programs share: its command-line flag, what its value looks like, its default,
 * its help text, and the one parser every program (and the controller, for a CrimeStream's
 * spec) reads it with. A parser refuses with a reason in plain words; {@link #parse} adds which
 * option it was.
 *
 * @param flag        the command-line flag, e.g. {@code --training-window}
 * @param label       what the value looks like in help, e.g. {@code all|last:N|reservoir:N}
 * @param defaultText the default as it would be written, or {@code null} for none
 * @param description the help text, one sentence or two
 * @param parser      text to value; throws {@link IllegalArgumentException} with the reason
 * @param renderer    value to the text {@link #parser} reads back (for the controller's arguments)
 * @param pattern     the regular expression that accepts exactly the texts the parser accepts
 *                    (for a CRD's schema), or {@code null} when the value is not text there
 * @param aliases     other flags a command line accepts for it (an old or a singular spelling)
 */
public record OptionDef<T>(String flag, String label, String defaultText, String description,
                           Function<String, T> parser, Function<T, String> renderer, String pattern,
                           java.util.List<String> aliases) {

  public OptionDef {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(renderer, "renderer");
    aliases = java.util.List.copyOf(aliases);
  }

  public OptionDef(String flag, String label, String defaultText, String description,
                   Function<String, T> parser, Function<T, String> renderer, String pattern) {
    this(flag, label, defaultText, description, parser, renderer, pattern, java.util.List.of());
  }

  /** The same option, also accepted as {@code alias} on a command line. */
  public OptionDef<T> withAlias(String alias) {
    java.util.List<String> all = new java.util.ArrayList<>(aliases);
    all.add(alias);
    return new OptionDef<>(flag, label, defaultText, description, parser, renderer, pattern, all);
  }

  /** The value of {@code text}, or an {@link OptionException} naming this option and why. */
  public T parse(String text) {
    if (text == null) {
      throw new OptionException(flag, "needs a value (" + label + ")");
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new OptionException(flag, e.getMessage());
    }
  }

  /** The default value, or {@code null} when the option has none. */
  public T defaultValue() {
    return defaultText == null ? null : parse(defaultText);
  }

  /** Why {@code text} is refused, without the flag (a spec field names itself), or {@code null}. */
  public String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (OptionException e) {
      return e.reason();
    }
  }

  public boolean accepts(String text) {
    return problem(text) == null;
  }

  /** The text that reads back as {@code value}. */
  public String render(T value) {
    return renderer.apply(value);
  }

  /** {@code [flag, text]}: how another program is told this value. */
  public java.util.List<String> argument(T value) {
    return java.util.List.of(flag, render(value));
  }

  /**
   * The same option (flag, parser) with another default and help text, for a command that needs
   * another default (the report evaluates every model).
   */
  public OptionDef<T> withDefault(String otherDefault, String otherDescription) {
    return new OptionDef<>(flag, label, otherDefault, otherDescription, parser, renderer, pattern, aliases);
  }

  /** The help text with the default, as {@code --help} prints it. */
  public String help() {
    return defaultText == null || label == null ? description : description + " (default: " + defaultText + ")";
  }
}
