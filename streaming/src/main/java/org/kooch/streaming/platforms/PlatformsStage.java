package org.kooch.streaming.platforms;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.kooch.schemas.PlatformStat;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.flows.DayEnd;

/**
 * Each platform's day: its tracked channels' day-end counts, their posts and views, and the
 * platform's own reported user count.
 *
 * <pre>
 * day ends + channel_daily + reports ─► platform_daily
 * </pre>
 */
public final class PlatformsStage {
  private final TableSinks sinks;

  public PlatformsStage(TableSinks sinks) {
    this.sinks = sinks;
  }

  public void total(DataStream<DayEnd> dayEnds, DataStream<ChannelDailyRow> daily, DataStream<PlatformStat> platformStats) {
    DataStream<PlatformInput> platformInputs =
        dayEnds.map(d -> PlatformInput.dayEnd(d.platform, d.channel, d.epochDay, Math.round(d.value)))
            .returns(PlatformInput.class).name("platform-day-ends").uid("platform-day-ends")
            .union(
                daily.map(r -> PlatformInput.activity(r.platform, r.channel, r.epochDay, r.posts, r.views))
                    .returns(PlatformInput.class).name("platform-activity").uid("platform-activity"),
                platformStats.map(s -> PlatformInput.reported(s.getPlatform(), Math.floorDiv(s.getObservedAt().toEpochMilli(), 86_400_000L), s.getReportedUsers()))
                    .returns(PlatformInput.class).name("platform-reports").uid("platform-reports"));
    platformInputs.keyBy(p -> p.platform)
        .process(new PlatformDailyAggregator(), TypeInformation.of(PlatformDailyRow.class)).name("platform-daily").uid("platform-daily")
        .sinkTo(sinks.into("platform_daily", PlatformDailyRow.ENCODER))
        .name("clickhouse-platform-daily").uid("clickhouse-platform-daily");
  }
}
