package io.crimestream.controller.api;

import io.crimestream.options.CrimeStreamName;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One run of the pipeline: the months to stream, where the crimes come from, the Kafka topic,
 * the producers' pace and the Spark driver. The controller owns everything it creates for it
 * except the KafkaTopics (which may live in the Kafka cluster's namespace), so {@code kubectl
 * delete} cascades; it deletes the KafkaTopics itself, only with {@code spec.kafka.deleteTopic}.
 */
@Group(CrimeStream.GROUP)
@Version(CrimeStream.VERSION)
@Kind("CrimeStream")
@Plural("crimestreams")
@ShortNames("cs")
// what `kubectl get cs` shows, in this order; kubectl drops its default Age column once a CRD
// lists columns of its own, so it is listed again
@AdditionalPrinterColumn(name = "Months", jsonPath = ".spec.months",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Batches", jsonPath = ".status.batches",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Rows", jsonPath = ".status.rowsTrained",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Best", jsonPath = ".status.bestModel",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AUC", jsonPath = ".status.bestModelAuc",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Champion", jsonPath = ".status.champion.model",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.champion.version",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// every name derived from metadata.name must be legal: refused at apply time, with the reason
@ValidationRule(value = CrimeStreamName.PATTERN_RULE, message = CrimeStreamName.PATTERN_MESSAGE)
@ValidationRule(value = CrimeStreamName.LENGTH_RULE, message = CrimeStreamName.LENGTH_MESSAGE)
public class CrimeStream extends CustomResource<CrimeStreamSpec, CrimeStreamStatus>
    implements Namespaced {

  public static final String GROUP = "crimestream.io";
  public static final String VERSION = "v1alpha1";

  // No initStatus(): a CrimeStream the API server holds without a status must read as one
  // without, or a JSON patch of its status (server-side apply off) is computed against an empty
  // status that is not there and refused.
}
