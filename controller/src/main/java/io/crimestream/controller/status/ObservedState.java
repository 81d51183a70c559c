package io.crimestream.controller.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the controller sees of a CrimeStream's objects after the dependents were reconciled: the
 * input of the status steps, which are plain functions of it (and so tested without a cluster).
 *
 * @param strimziInstalled whether the KafkaTopic CRD exists
 * @param topics           the KafkaTopics by Kafka topic name
 * @param jobs             the producer Jobs by month
 * @param producerPods     the pods of those Jobs (for their exit codes and termination messages)
 * @param driverPod        the Spark driver pod
 * @param metrics          the metrics ConfigMap the streaming job writes
 */
public record ObservedState(boolean strimziInstalled, Map<String, KafkaTopic> topics,
                            Map<String, Job> jobs, List<Pod> producerPods,
                            Optional<Pod> driverPod, Optional<ConfigMap> metrics) {}
