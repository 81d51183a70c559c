package io.crimestream.local;

import io.crimestream.local.bench.BenchCommand;
import io.crimestream.local.drift.DriftCommand;
import io.crimestream.local.report.ReportCommand;
import io.crimestream.local.soak.SoakCommand;
import io.crimestream.producer.SourceUnreadableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ./crimestream}: the one command of the one-machine run.
 *
 * <p>Exit status: 0 done; 1 the run failed (the producer could not deliver, the job failed);
 * 2 invalid options; 3 the data cannot be read.
 */
@Command(name = "crimestream", mixinStandardHelpOptions = true,
    description = "Learns from a stream of Chicago crime reports whether an incident ends in an arrest.",
    subcommands = {LocalCommand.class, ReportCommand.class, BenchCommand.class, SoakCommand.class,
        ScoreCommand.class, DriftCommand.class})
public final class CrimeStreamCli implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    CommandLine cli = new CommandLine(new CrimeStreamCli());
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("crimestream: " + e.getMessage());
      e.getCommandLine().getErr().println("Try " + e.getCommandLine().getCommandName() + " --help.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof LocalRunException l) {
        commandLine.getErr().println("crimestream: " + l.getMessage());
        return l.exitStatus();
      }
      if (e instanceof SourceUnreadableException) {
        commandLine.getErr().println("crimestream: " + e.getMessage());
        return 3;
      }
      if (e instanceof IllegalArgumentException) {
        commandLine.getErr().println("crimestream: " + e.getMessage());
        return 2;
      }
      commandLine.getErr().println("crimestream: failed: " + e);
      e.printStackTrace(commandLine.getErr());
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return 2;
  }
}
