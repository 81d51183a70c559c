package io.crimestream.options;

/** Where a program's shared options come from: its command line, or a map in a test. */
public interface OptionValues {

  /** The value of {@code def}: as given, else its default, else {@code null}. */
  <T> T get(OptionDef<T> def);
}
