package org.kooch.ingest.collect.telegramweb;

/** A message element that could not be read: its id (from data-post), why, and its HTML. */
public record BadMessage(long id, String reason, String html) {}
