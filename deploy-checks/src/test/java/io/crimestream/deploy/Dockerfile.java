package io.crimestream.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its instructions (continuation lines joined, comments and the parser
 * directive left out), enough to check what the images are made of without a Docker engine.
 */
record Dockerfile(String module, Map<String, String> globalArgs, List<Stage> stages) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ARG = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  record Instruction(String keyword, String arguments) {
    @Override
    public String toString() {
      return keyword + " " + arguments;
    }
  }

  /** FROM base [AS name] and what follows it. */
  record Stage(String base, String name, List<Instruction> instructions) {

    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword))
          .map(Instruction::arguments).toList();
    }

    Optional<String> last(String keyword) {
      List<String> all = all(keyword);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The exec form of ENTRYPOINT or CMD, as its list of words. */
    Optional<List<String>> execForm(String keyword) {
      return last(keyword).map(args -> {
        try {
          return JSON.readValue(args, new TypeReference<List<String>>() {});
        } catch (IOException e) {
          throw new AssertionError(keyword + " is not in exec (JSON) form: " + args, e);
        }
      });
    }
  }

  static Dockerfile of(String module) {
    return parse(module, Repo.read(module + "/Dockerfile"));
  }

  static Dockerfile parse(String module, String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && trimmed.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String joined = current.toString().replaceAll("\\s+", " ").strip();
      current.setLength(0);
      int space = joined.indexOf(' ');
      instructions.add(new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT),
          joined.substring(space + 1)));
    }
    if (!current.isEmpty()) {
      throw new AssertionError(module + "/Dockerfile ends inside a continued line");
    }

    Map<String, String> globalArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    Stage stage = null;
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        String[] words = i.arguments().split(" ");
        String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
        stage = new Stage(expand(words[0], globalArgs), name, new ArrayList<>());
        stages.add(stage);
      } else if (stage == null) {
        if (!i.keyword().equals("ARG")) {
          throw new AssertionError(module + "/Dockerfile: " + i + " before the first FROM");
        }
        Matcher m = ARG.matcher(i.arguments());
        if (!m.matches()) {
          throw new AssertionError(module + "/Dockerfile: " + i);
        }
        globalArgs.put(m.group(1), m.group(2) == null ? "" : m.group(2));
      } else {
        stage.instructions().add(i);
      }
    }
    return new Dockerfile(module, Map.copyOf(globalArgs), List.copyOf(stages));
  }

  private static String expand(String text, Map<String, String> args) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = args.get(m.group(1));
      if (value == null) {
        throw new AssertionError("FROM uses ${" + m.group(1) + "}, which no ARG declares");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  Stage stage(String name) {
    return stages.stream().filter(s -> name.equals(s.name())).findFirst()
        .orElseThrow(() -> new AssertionError(module + "/Dockerfile has no stage " + name));
  }

  /** The stage the image is: the last one. */
  Stage image() {
    return stages.get(stages.size() - 1);
  }

  /** The final stage's USER as a numeric uid (a name cannot be checked by the kubelet). */
  long uid() {
    String user = image().last("USER").orElseThrow(() -> new AssertionError(module
        + "/Dockerfile: the image sets no USER, so it runs as root"));
    String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    if (!uid.matches("[0-9]+")) {
      throw new AssertionError(module + "/Dockerfile: USER " + user + " is not numeric");
    }
    return Long.parseLong(uid);
  }
}
