package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseSettings;

/** {@code kooch db migrate} on one server, and its cluster options' checks (ClickHouseClusterIT migrates a cluster). */
class DbCommandTest {
  private static final String URL = System.getenv().getOrDefault("KOOCH_TEST_CLICKHOUSE_URL", ClickHouseSettings.LOCAL_URL);

  @Test
  void migratesOneServerOnceAndRefusesAClusterItDoesNotHave() throws Exception {
    String db = "db_command_" + UUID.randomUUID().toString().substring(0, 8);
    String[] conn = {"--clickhouse", URL, "--database", db};
    EndToEndTest.Result first = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"db", "migrate"}, conn));
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("applied 001_posts.sql").contains("to " + db);
    EndToEndTest.Result again = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"db", "migrate"}, conn));
    assertThat(again.out()).contains("database " + db + " is up to date");

    EndToEndTest.Result noCluster = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"db", "migrate", "--cluster", "nowhere"}, conn));
    assertThat(noCluster.exit()).isNotZero();
    assertThat(noCluster.err()).contains("no cluster 'nowhere'");
    EndToEndTest.Result shardsAlone = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"db", "migrate", "--shards"}, conn));
    assertThat(shardsAlone.exit()).isEqualTo(2);
    assertThat(shardsAlone.err()).contains("--shards needs --cluster NAME");
  }
}
