package io.crimestream.controller;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.ShortDigest;
import io.crimestream.controller.status.CrimeStreamEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the Events the status steps asked for as core/v1 Events whose involved object is the
 * CrimeStream, so that {@code kubectl describe crimestream} and event exporters show them. An
 * Event the API server refuses is logged and dropped: Events are a courtesy, never a reason to
 * fail a reconciliation.
 *
 * <p>Each Event is named after what it reports (the CrimeStream's uid, the reason, the message),
 * so that asking again for one already recorded is an AlreadyExists, not a second Event: a
 * reconciliation that read the CrimeStream from a cache older than its last status patch (whose
 * {@code eventsRecordedUpTo} says what was recorded) asks again for the same Events.
 */
final class EventRecorder {

  static final String COMPONENT = "crimestream-controller";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** Kubernetes refuses longer messages. */
  private static final int MAX_MESSAGE = 1024;

  private EventRecorder() {}

  static void record(KubernetesClient client, CrimeStream cs, List<CrimeStreamEvent> events, Instant now) {
    for (CrimeStreamEvent e : events) {
      try {
        client.v1().events().inNamespace(cs.getMetadata().getNamespace()).resource(event(cs, e, now)).create();
      } catch (KubernetesClientException ex) {
        if (ex.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          LOG.debug("{}/{}: Event {} already recorded", cs.getMetadata().getNamespace(),
              cs.getMetadata().getName(), e.reason());
          continue;
        }
        LOG.warn("{}/{}: could not record Event {} ({}): {}", cs.getMetadata().getNamespace(),
            cs.getMetadata().getName(), e.reason(), e.message(), ex.getMessage());
      }
    }
  }

  /** {@code <name>.<16 hex digits>}: the same for the same report on the same CrimeStream. */
  static String name(HasMetadata cs, CrimeStreamEvent e) {
    return cs.getMetadata().getName() + "."
        + ShortDigest.of(String.join("\n", String.valueOf(cs.getMetadata().getUid()), e.reason(), e.message()));
  }

  static Event event(HasMetadata cs, CrimeStreamEvent e, Instant now) {
    String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    String message = e.message().length() <= MAX_MESSAGE ? e.message()
        : e.message().substring(0, MAX_MESSAGE - 3) + "...";
    return new EventBuilder()
        .withNewMetadata()
        // kubectl's naming (the object's name, a suffix), the suffix a digest of what it reports
        .withName(name(cs, e))
        .withNamespace(cs.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(cs.getApiVersion())
        .withKind(cs.getKind())
        .withName(cs.getMetadata().getName())
        .withNamespace(cs.getMetadata().getNamespace())
        .withUid(cs.getMetadata().getUid())
        .withResourceVersion(cs.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(e.type())
        .withReason(e.reason())
        .withMessage(message)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", COMPONENT))
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .build();
  }
}
