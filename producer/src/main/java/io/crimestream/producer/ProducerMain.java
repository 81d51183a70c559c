package io.crimestream.producer;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line: {@code crimestream-producer --months 2016-05 --source crimes.csv --replay}.
 * Run with {@code --help} for every option. {@link #run} does everything {@link #main} does
 * except exit, so that tests and an in-process stand-in for a kubelet can run it.
 */
public final class ProducerMain {

  private ProducerMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command and returns its {@link ExitStatus exit status}: 0 all rows acknowledged, 1
   * some not delivered, 2 usage or configuration error, 3 the source cannot be read.
   *
   * @param env the environment (KAFKA_*, SOCRATA_APP_TOKEN, and CRIMESTREAM_TERMINATION_MESSAGE_PATH:
   *            where to write the last line, the summary or the error, for Kubernetes)
   * @param out help and version
   * @param err progress, summary and errors
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, MonotonicClock.SYSTEM);
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, MonotonicClock clock) {
    ProducerCommand command = new ProducerCommand();
    // the run's last word: the summary, or the error that stopped it
    TerminationMessage[] lastWords = new TerminationMessage[1];
    CommandLine cli = new CommandLine(command)
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setParameterExceptionHandler((e, ignored) -> {
          String error = "error: " + e.getMessage().replaceFirst("^Error: ", ""); // picocli's own prefix
          lastWords[0] = TerminationMessage.error(error);
          err.println(error);
          err.println("Run with --help for the options.");
          return ExitStatus.USAGE.code();
        });
    cli.setExecutionStrategy(parsed -> {
      Integer helpOrVersion = CommandLine.executeHelpRequest(parsed);
      if (helpOrVersion != null) {
        return helpOrVersion;
      }
      ProducerConfig config = command.toConfig(env);
      try {
        ProducerResult result = Producer.run(config, err, clock);
        lastWords[0] = TerminationMessage.of(result);
        return result.exitStatus().code();
      } catch (SourceUnreadableException e) {
        lastWords[0] = TerminationMessage.error("error: " + e.getMessage());
        err.println(lastWords[0].message());
        return ExitStatus.SOURCE_UNREADABLE.code();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastWords[0] = TerminationMessage.error("interrupted: not every row was sent");
        err.println(lastWords[0].message());
        return ExitStatus.UNDELIVERED.code();
      }
    });
    int status = cli.execute(args);
    if (lastWords[0] != null) {
      lastWords[0].write(env, err);
    }
    return status;
  }
}
