package io.crimestream.controller.testing;

import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Containers whose outcome a test decides: each launch is answered by the current script, and
 * every launch is recorded. A container that "runs" stays running until killed.
 */
public final class ScriptedRunner implements ContainerRunner {

  /** What a container does. */
  public record Outcome(Integer exitCode, String message) {
    public static Outcome keepsRunning() {
      return new Outcome(null, "");
    }

    public static Outcome exits(int code, String message) {
      return new Outcome(code, message);
    }
  }

  private volatile Function<ContainerLaunch, Outcome> script;
  private final CopyOnWriteArrayList<ContainerLaunch> launches = new CopyOnWriteArrayList<>();

  public ScriptedRunner(Function<ContainerLaunch, Outcome> script) {
    this.script = script;
  }

  /** Producers send their month and exit 0; every other container keeps running. */
  public static ScriptedRunner producersSucceed() {
    return new ScriptedRunner(ScriptedRunner::producerSucceeds);
  }

  public static Outcome producerSucceeds(ContainerLaunch launch) {
    String month = launch.option("--months");
    return !isProducer(launch) ? Outcome.keepsRunning()
        : Outcome.exits(0, "done: 100 of 100 valid rows of " + month + " acknowledged by topic "
            + launch.option("--topic") + " in 1.0 s");
  }

  public static boolean isProducer(ContainerLaunch launch) {
    return MockCluster.PRODUCER_IMAGE.equals(launch.image());
  }

  public static boolean isDriver(ContainerLaunch launch) {
    return launch.command().get(0).endsWith("spark-submit");
  }

  public void script(Function<ContainerLaunch, Outcome> script) {
    this.script = script;
  }

  public java.util.List<ContainerLaunch> launches() {
    return java.util.List.copyOf(launches);
  }

  @Override
  public Running start(ContainerLaunch launch) {
    launches.add(launch);
    Outcome outcome = script.apply(launch);
    return new Running() {
      private volatile boolean killed;

      @Override
      public OptionalInt exitCode() {
        if (killed) {
          return OptionalInt.of(137);
        }
        return outcome.exitCode() == null ? OptionalInt.empty()
            : OptionalInt.of(outcome.exitCode());
      }

      @Override
      public String terminationMessage() {
        return outcome.message();
      }

      @Override
      public void kill() {
        killed = true;
      }
    };
  }
}
