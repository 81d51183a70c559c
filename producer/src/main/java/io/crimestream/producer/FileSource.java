package io.crimestream.producer;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.ReadSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/** A local export, read whole (it cannot be asked for some months only). */
public record FileSource(Path file) implements CrimeSource {

  @Override
  public ReadSummary read(List<YearMonth> months, CrimeCsvReader.Listener listener, MonotonicClock clock)
      throws SourceUnreadableException {
    if (!Files.exists(file)) {
      throw new SourceUnreadableException("cannot read " + file + ": no such file; expected a CSV export"
          + " of the city's crimes (portal, Kaggle or Socrata columns; .csv or .csv.gz)");
    }
    try {
      return CrimeCsvReader.read(file, listener);
    } catch (IOException e) {
      // the reader's messages already name the file and say what was expected
      throw new SourceUnreadableException("cannot read " + file + ": " + withoutSource(e.getMessage()), e);
    }
  }

  private String withoutSource(String message) {
    String prefix = file + ": ";
    return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
