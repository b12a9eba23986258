package org.kooch.app.alerts;

import org.kooch.queries.Alerts;

/** Where the dispatcher delivers alerts: a webhook, e-mail. Its name is the {@code channel} of {@code alert_deliveries}. */
public interface AlertChannel {
  String name();

  /** Delivers one alert, retrying as the channel sees fit; throws when it could not. Must not put secrets in the exception. */
  void deliver(Alerts.Alert alert) throws Exception;
}
