package io.crimestream.job.monitoring;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.http.JobHttpServer;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.options.JobOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The job's monitoring, wired: the Prometheus registry with the JVM's meters and the job's, the
 * consumer lag, and the HTTP endpoint that serves them on {@code /metrics}.
 */
public final class JobMonitoring implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final JobMeters meters;
  private final ConsumerLag lag;
  private final JobHttpServer server;
  private final JvmGcMetrics gc;

  private JobMonitoring(PrometheusMeterRegistry registry, JobMeters meters, ConsumerLag lag, JobHttpServer server,
                        JvmGcMetrics gc) {
    this.registry = registry;
    this.meters = meters;
    this.lag = lag;
    this.server = server;
    this.gc = gc;
  }

  /**
   * Starts serving {@code /metrics} as {@code config} says; {@code nextOffsets} is the job's
   * position in its topic, per partition.
   */
  public static JobMonitoring start(JobConfig config, Supplier<Map<Integer, Long>> nextOffsets) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = bindProcessMeters(registry);
    JobMeters meters = new JobMeters(registry);
    ConsumerLag lag = ConsumerLag.register(registry, config.kafka(), config.topic(), nextOffsets);
    JobHttpServer server = JobHttpServer.start(config.httpAddress(), config.httpPort(), JobOptions.HTTP_PORT.flag());
    server.route("/metrics", request -> {
      String accept = request.accept();
      String type = accept != null && accept.contains("application/openmetrics-text")
          ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain; version=0.0.4; charset=utf-8";
      return new JobHttpServer.Response(200, type, registry.scrape(type).getBytes(StandardCharsets.UTF_8));
    });
    return new JobMonitoring(registry, meters, lag, server, gc);
  }

  /**
   * The JVM's and the process's meters (memory, GC, threads, CPU, {@code process_start_time_seconds},
   * which the chart's stall alert reads) on {@code registry}; the GC's to close with it.
   */
  static JvmGcMetrics bindProcessMeters(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return gc;
  }

  /** A completed micro-batch, into the meters. */
  public void record(MicroBatchProcessor.BatchOutcome outcome) {
    meters.record(outcome);
  }

  /** Where {@code /metrics} is served, e.g. {@code http://127.0.0.1:9464}. */
  public String url() {
    return server.url();
  }

  public JobHttpServer server() {
    return server;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    server.close();
    lag.close();
    gc.close();
    registry.close();
  }
}
