package io.crimestream.local;

import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;

/** An option without a default that a command cannot do without. */
public final class Required {

  private Required() {}

  /** The value of {@code def}; a usage error (exit 2) naming it when it was not given. */
  public static <T> T value(OptionValues v, OptionDef<T> def) {
    T value = v.get(def);
    if (value == null) {
      throw new IllegalArgumentException(def.flag() + " " + def.label() + " is required: "
          + def.description());
    }
    return value;
  }
}
