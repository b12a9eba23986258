package org.kooch.streaming.alerts;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * Alerts when a move starts, from the links stream, into {@code alerts}:
 *
 * <pre>
 * links ─► alert-candidates ─► keyBy pair ─► alerts ─► clickhouse-alerts
 * </pre>
 *
 * The job only writes the table; {@code kooch run}'s dispatcher delivers the rows (webhook, mail).
 */
public final class AlertsStage {
  private final TableSinks sinks;

  public AlertsStage(TableSinks sinks) {
    this.sinks = sinks;
  }

  /** Returns the alerts, one per channel pair. */
  public DataStream<AlertRow> raise(DataStream<ChannelLinkRow> links) {
    SingleOutputStreamOperator<AlertRow> alerts =
        // Filtered where the links are made (chained), so only candidates cross the shuffle.
        links.filter(AlertTrigger::raises).name("alert-candidates").uid("alert-candidates")
            .keyBy(AlertRow::pairOf)
            .process(new AlertTrigger(), TypeInformation.of(AlertRow.class))
            .name("alerts").uid("alerts");
    alerts.sinkTo(sinks.into("alerts", AlertRow.ENCODER)).name("clickhouse-alerts").uid("clickhouse-alerts");
    return alerts;
  }
}
