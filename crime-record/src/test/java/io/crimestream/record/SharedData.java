package io.crimestream.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real exports of the city's dataset under {@code ../shared/data/chicago}, read in place
 * (never copied into the repository). Maven passes the folder as {@code crimestream.sharedData};
 * an IDE run falls back to the same path relative to the module.
 */
public final class SharedData {

  public static final String KAGGLE = "kaggle_2012_2017_sample.csv";
  public static final String PORTAL_2015_09 = "portal_2015-09.csv";
  public static final String PORTAL_2016_01 = "portal_2016-01.csv";
  public static final String SPREADSHEET_2018_01 = "portal_2018-01_spreadsheet.csv";
  public static final String SODA_2017 = "soda_2017.csv";
  public static final String SODA_2018 = "soda_2018.csv";

  private SharedData() {}

  public static Path dir() {
    String configured = System.getProperty("crimestream.sharedData");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data", "chicago");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the shared real data is missing: expected " + dir.toAbsolutePath()
          + " (../shared/data/chicago beside the project root)");
    }
    return dir;
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  /** The rows of a shared export that the reader accepts, in file order (rejected rows left out). */
  public static List<CrimeRecord> validRows(String name) throws IOException {
    List<CrimeRecord> rows = new ArrayList<>();
    CrimeCsvReader.read(file(name), new CrimeCsvReader.Listener() {
      @Override
      public void accepted(CrimeRecord record, long line) {
        rows.add(record);
      }

      @Override
      public void rejected(Rejection rejection) {}
    });
    return rows;
  }
}
