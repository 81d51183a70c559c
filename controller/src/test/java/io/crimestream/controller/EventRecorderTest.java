package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.status.CrimeStreamEvent;
import io.crimestream.options.CrimeStreamName;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/**
 * An Event's name says what it reports: asked twice for the same report (a reconciliation that
 * read a stale CrimeStream), the API server sees the same name and keeps one Event.
 */
class EventRecorderTest {

  private static CrimeStream crimeStream(String name, String uid) {
    CrimeStream cs = new CrimeStream();
    cs.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
    return cs;
  }

  @Test
  void theSameReportOnTheSameCrimeStreamGetsTheSameNameAndAnyOtherAnother() {
    CrimeStream cs = crimeStream("study", "uid-1");
    CrimeStreamEvent promoted = new CrimeStreamEvent(false, "ChampionPromoted", "random_forest v3 at batch 2");
    String name = EventRecorder.name(cs, promoted);
    assertThat(EventRecorder.name(crimeStream("study", "uid-1"),
        new CrimeStreamEvent(false, "ChampionPromoted", "random_forest v3 at batch 2"))).isEqualTo(name);
    assertThat(EventRecorder.name(cs, new CrimeStreamEvent(false, "ChampionPromoted", "random_forest v4 at batch 5")))
        .isNotEqualTo(name);
    assertThat(EventRecorder.name(cs, new CrimeStreamEvent(true, "DriftDetected", "random_forest v3 at batch 2")))
        .isNotEqualTo(name);
    // the same name again after a delete and re-create is another CrimeStream
    assertThat(EventRecorder.name(crimeStream("study", "uid-2"), promoted)).isNotEqualTo(name);
    assertThat(EventRecorder.event(cs, promoted, java.time.Instant.EPOCH).getMetadata().getName()).isEqualTo(name);
  }

  @Test
  void theNameIsADnsSubdomainForTheLongestCrimeStreamName() {
    String longest = "s" + "x".repeat(CrimeStreamName.MAX_LENGTH - 1);
    String name = EventRecorder.name(crimeStream(longest, "uid"), new CrimeStreamEvent(true, "DriftDetected", "m"));
    assertThat(name).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253)
        .startsWith(longest + ".").hasSize(longest.length() + 1 + 16);
  }
}
