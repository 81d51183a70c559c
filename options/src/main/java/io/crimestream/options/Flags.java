package io.crimestream.options;

/** Options without a value: present means true. */
public final class Flags {

  private Flags() {}

  /** A flag; its {@link OptionDef#label()} is {@code null}, which the command line reads as "no value". */
  public static OptionDef<Boolean> flag(String flag, String description) {
    return new OptionDef<>(flag, null, "false", description, Flags::parse, String::valueOf, null);
  }

  public static boolean isFlag(OptionDef<?> def) {
    return def.label() == null;
  }

  private static Boolean parse(String s) {
    if (s.equals("true")) {
      return Boolean.TRUE;
    }
    if (s.equals("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("'" + s + "' is neither true nor false");
  }
}
