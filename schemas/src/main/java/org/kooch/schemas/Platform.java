package org.kooch.schemas;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One messaging or social platform as the registry knows it: its id, display name, the hosts of
 * its public links, the first path segments that are not channel handles, and the handle syntax.
 *
 * @param skip path segments that precede the handle (t.me/s/handle)
 * @param reserved first path segments that are features, not channels (t.me/joinchat/...)
 */
public record Platform(
    String id,
    String name,
    List<String> hosts,
    Set<String> skip,
    Set<String> reserved,
    Pattern handle) {}
