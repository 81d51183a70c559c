package io.crimestream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {

  @Test
  void metricsJsonIsReadableLikeAnyFileTheUserMakesAndReadsBack(@TempDir Path dir) throws Exception {
    MetricsReport report = new MetricsReport("crimenes", List.of("2016-05"), "improved", "all",
        Map.of("invalid_json", 2L), 0, 0, List.of(), MetricsReport.summarize(0, List.of(), Map.of()),
        new SourceAccount(10, 7, Map.of("wrong_field_count", 1L), 2, 0), 0, null, null, null, null);
    Path file = dir.resolve("metrics.json");
    MetricsJson.writeAtomically(report, file);
    MetricsJson.writeAtomically(report, file); // and again over it

    Path plain = Files.writeString(dir.resolve("any-file.txt"), "x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
    assertThat(MetricsJson.readReport(file)).isEqualTo(report);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "metrics.json", "any-file.txt");
    }
  }
}
