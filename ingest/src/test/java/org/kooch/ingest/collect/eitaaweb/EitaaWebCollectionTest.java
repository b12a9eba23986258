package org.kooch.ingest.collect.eitaaweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.ingest.collect.LocalSite.Answer.page;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.collect.CollectorHarness;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Redactor;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/** eitaa-web against a local eitaa.com serving recorded etme_ pages, into the shared broker. */
class EitaaWebCollectionTest {
  private final LocalSite site = LocalSite.start();

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void pagesBackAndPublishesEitaaPostsAndTheRoundedCount(@TempDir Path dir) {
    site.on("/khamenei_ir", page("eitaa-web/khamenei_ir.html"));
    site.on("/khamenei_ir?before=1203", page("eitaa-web/khamenei_ir-before-1203.html"));
    CollectorHarness h = new CollectorHarness(dir);
    Clock clock = CollectorHarness.at("2030-06-01T10:00:00Z");

    h.runOnce(EitaaWeb.collector(site.url(), new HttpFetcher(CollectorHarness.QUICK, Redactor.NONE), 5, clock), clock, "khamenei_ir");

    assertThat(site.targets()).containsExactly("/khamenei_ir", "/khamenei_ir?before=1203");
    List<Post> posts =
        TopicContents.posts(CollectorHarness.kafka(), "eitaa", "khamenei_ir").stream().filter(p -> p.getCollectedAt().equals(clock.instant())).toList();
    assertThat(posts).extracting(Post::getPostId).containsExactly(1201L, 1202L, 1203L, 1204L, 1205L);
    assertThat(posts).extracting(Post::getSource).containsOnly("eitaa-web");
    assertThat(posts.get(3).getViews()).isEqualTo(845L);
    List<SubscriberCount> counts =
        TopicContents.counts(CollectorHarness.kafka(), "eitaa", "khamenei_ir").stream().filter(c -> c.getObservedAt().equals(clock.instant())).toList();
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.getSubscribers()).isEqualTo(12_500L);
      assertThat(c.getSource()).isEqualTo("eitaa-web:rounded");
    });
    assertThat(h.state("eitaa-web").load("khamenei_ir").highestPostId()).isEqualTo(1205L);
  }
}
