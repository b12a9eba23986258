package org.kooch.ingest.collect.http;

/** Removes secrets from text before it is logged or shown in an error (URLs carry API tokens). */
@FunctionalInterface
public interface Redactor {
  Redactor NONE = text -> text;

  String redact(String text);
}
