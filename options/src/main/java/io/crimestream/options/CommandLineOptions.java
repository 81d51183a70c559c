package io.crimestream.options;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The shared options on a picocli command line: each {@link OptionDef} becomes an option with
 * its flag, label, default, help and parser, so that no program spells one itself. A command
 * adds them in its {@code modelTransformer} and reads them back typed with {@link #value}.
 */
public final class CommandLineOptions {

  private CommandLineOptions() {}

  /** Adds {@code defs} to {@code spec}; returns {@code spec} (as a model transformer does). */
  public static CommandSpec add(CommandSpec spec, List<OptionDef<?>> defs) {
    for (OptionDef<?> def : defs) {
      spec.addOption(optionSpec(def));
    }
    return spec;
  }

  /** The value of {@code def} as parsed (its default when absent, {@code null} without one). */
  @SuppressWarnings("unchecked")
  public static <T> T value(CommandSpec spec, OptionDef<T> def) {
    OptionSpec option = spec.findOption(def.flag());
    if (option == null) {
      throw new IllegalStateException(def.flag() + " was not added to " + spec.qualifiedName());
    }
    return (T) option.getValue();
  }

  /** The values of the options added to {@code spec}, once it is parsed. */
  public static OptionValues values(CommandSpec spec) {
    return new OptionValues() {
      @Override
      public <T> T get(OptionDef<T> def) {
        return value(spec, def);
      }
    };
  }

  /** Whether the user gave {@code def} on the command line. */
  public static boolean given(CommandSpec spec, OptionDef<?> def) {
    return spec.commandLine().getParseResult().hasMatchedOption(def.flag());
  }

  private static OptionSpec optionSpec(OptionDef<?> def) {
    String[] names = new String[1 + def.aliases().size()];
    names[0] = def.flag();
    for (int i = 0; i < def.aliases().size(); i++) {
      names[i + 1] = def.aliases().get(i);
    }
    OptionSpec.Builder b = OptionSpec.builder(names).description(def.help());
    if (Flags.isFlag(def)) {
      return b.arity("0").type(boolean.class).defaultValue("false").build();
    }
    b.paramLabel(def.label()).arity("1").type(Object.class)
        .converters(text -> {
          try {
            return def.parse(text);
          } catch (OptionException e) {
            throw new CommandLine.TypeConversionException(e.reason());
          }
        });
    if (def.defaultText() != null) {
      b.defaultValue(def.defaultText());
    }
    return b.build();
  }
}
