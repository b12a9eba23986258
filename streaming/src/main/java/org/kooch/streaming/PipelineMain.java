package org.kooch.streaming;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the job jar ({@code kooch-streaming-*-job.jar}): the landing job with its
 * migration analytics, Kafka to ClickHouse, on whatever cluster runs it ({@code flink run}, the
 * REST API's {@code /jars/:id/run}, application mode, the Kubernetes operator). Options are in
 * {@link PipelineArgs}; the state backend is the job's ({@code --state-backend}, RocksDB with
 * incremental checkpoints by default); checkpoint storage and restart strategy come from the
 * cluster's configuration.
 */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineArgs options;
    try {
      options = PipelineArgs.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      throw e;
    }
    StreamExecutionEnvironment env = environment(options);
    // On a REST submission execute() returns at once (detached); on `flink run` it waits.
    env.execute(JobSettings.jobName(options.bounded()));
  }

  /** The job's graph in the environment of the caller's cluster. */
  public static StreamExecutionEnvironment environment(PipelineArgs options) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (options.parallelism() > 0) {
      env.setParallelism(options.parallelism());
    }
    env.enableCheckpointing(options.checkpointInterval().toMillis());
    Configuration conf = new Configuration();
    // A RocksDB compression the cluster's configuration sets is kept (StateBackendChoice#applyTo).
    String compression = env.getConfiguration().toMap().get(StateBackendChoice.ROCKSDB_COMPRESSION);
    if (compression != null) {
      conf.setString(StateBackendChoice.ROCKSDB_COMPRESSION, compression);
    }
    options.stateBackend().applyTo(conf);
    env.configure(conf);
    JobSettings settings = options.jobSettings();
    new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
    return env;
  }
}
