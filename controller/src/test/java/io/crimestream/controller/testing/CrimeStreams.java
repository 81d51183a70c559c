package io.crimestream.controller.testing;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.DatasetSource;
import io.crimestream.controller.api.KafkaSpec;
import io.crimestream.controller.api.ProducerSpec;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** CrimeStream objects for tests. */
public final class CrimeStreams {

  private CrimeStreams() {}

  /** Months of a CSV on the node, replayed as fast as the broker takes them. */
  public static CrimeStream replay(String name, String csvOnNode, String... months) {
    CrimeStreamSpec spec = new CrimeStreamSpec();
    spec.setMonths(List.of(months));
    DatasetSource source = new DatasetSource();
    DatasetSource.HostPathFile file = new DatasetSource.HostPathFile();
    file.setPath(csvOnNode);
    source.setHostPath(file);
    spec.setSource(source);
    KafkaSpec kafka = new KafkaSpec();
    kafka.setCluster("my-cluster");
    spec.setKafka(kafka);
    ProducerSpec producer = new ProducerSpec();
    producer.setReplay(true);
    spec.setProducer(producer);
    CrimeStream cs = new CrimeStream();
    cs.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(MockCluster.NAMESPACE)
        .build());
    cs.setSpec(spec);
    return cs;
  }

  /** {@code cs} resolved and checked as the controller of {@link MockCluster} does it. */
  public static PipelineSettings settings(CrimeStream cs)
      throws InvalidSpecException {
    return PipelineSettings.of(cs, MockCluster.controllerConfig());
  }
}
