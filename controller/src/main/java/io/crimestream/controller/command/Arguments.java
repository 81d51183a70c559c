package io.crimestream.controller.command;

import io.crimestream.options.Flags;
import io.crimestream.options.OptionDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A program's command line as the controller writes it: each option by its {@link OptionDef},
 * whose flag and rendering are the ones the program parses with, so that no flag or value
 * format is spelled here.
 */
final class Arguments {

  private final List<String> args = new ArrayList<>();

  /** {@code flag value}. */
  <T> Arguments add(OptionDef<T> def, T value) {
    args.addAll(def.argument(value));
    return this;
  }

  /** {@code flag value} if there is a value; nothing leaves the program its default. */
  <T> Arguments add(OptionDef<T> def, Optional<T> value) {
    value.ifPresent(v -> add(def, v));
    return this;
  }

  /** The flag alone, if {@code on}. */
  Arguments flag(OptionDef<Boolean> def, boolean on) {
    if (!Flags.isFlag(def)) {
      throw new IllegalArgumentException(def.flag() + " takes a value: it is not a flag");
    }
    if (on) {
      args.add(def.flag());
    }
    return this;
  }

  List<String> list() {
    return List.copyOf(args);
  }
}
