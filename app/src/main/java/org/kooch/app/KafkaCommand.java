package org.kooch.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.kooch.ingest.kafka.TopicCheck;
import org.kooch.ingest.kafka.TopicPlan;
import org.kooch.ingest.kafka.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kooch kafka topics}: creates Kooch's topics as a cluster needs them, and checks existing ones. */
@Command(name = "kafka", mixinStandardHelpOptions = true, description = "Kafka administration.", subcommands = KafkaCommand.Topics.class)
final class KafkaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "topics", mixinStandardHelpOptions = true,
      description = {"Create every missing Kooch topic (retention.ms=-1; the collector-state topic compacted, 1 partition)",
          "and compare existing ones with what is asked. Never deletes, shrinks, alters or adds partitions to a topic.",
          "Exit 0: every topic as asked; 1: a topic differs (each difference printed); 2: bad input."})
  static final class Topics implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Spec CommandSpec spec;

    @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
        description = "Partitions of each record topic, at least the job's parallelism (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
        description = "Replication factor of every topic (default 3 with --kafka, 1 on the embedded broker).")
    Integer replication;

    @Option(names = "--min-insync-replicas", paramLabel = "M",
        description = "min.insync.replicas of every topic (default R-1, at least 1).")
    Integer minInsync;

    @Override
    public Integer call() throws Exception {
      int r = replication != null ? replication : connection.externalKafka() ? 3 : 1;
      if (r < 1 || r > Short.MAX_VALUE) {
        throw new ParameterException(spec.commandLine(), "--replication-factor must be between 1 and " + Short.MAX_VALUE + ", not " + r);
      }
      int m = minInsync != null ? minInsync : Math.max(1, r - 1);
      if (m < 1) {
        throw new ParameterException(spec.commandLine(), "--min-insync-replicas must be at least 1, not " + m);
      }
      List<TopicCheck.Outcome> outcomes;
      try {
        List<TopicSpec> plan = TopicPlan.kooch(partitions, (short) r, m);
        try (KafkaHandle kafka = KafkaHandle.connect(connection)) {
          outcomes = TopicCheck.apply(kafka.settings(), plan);
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      int differing = 0;
      for (TopicCheck.Outcome o : outcomes) {
        TopicSpec s = o.spec();
        if (o.created()) {
          System.out.println(s.name() + ": created, " + TopicCheck.partitions(s.partitions()) + ", replication factor " + s.replication()
              + ", " + s.configs().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList());
        } else if (o.differences().isEmpty()) {
          System.out.println(s.name() + ": exists, as asked");
        } else {
          differing++;
          System.out.println(s.name() + ": exists, differs from what was asked");
          o.differences().forEach(d -> System.out.println("  WARNING " + s.name() + " " + d));
        }
      }
      if (differing > 0) {
        System.out.println(differing + " of " + outcomes.size() + " topics differ from what was asked; Kooch changes no existing topic");
        return 1;
      }
      System.out.println("all " + outcomes.size() + " Kooch topics exist as asked");
      return 0;
    }
  }
}
