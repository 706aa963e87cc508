package dev.hindsight.tracer.dwarf.expr;

import dev.hindsight.tracer.dwarf.info.AddressRange;

/** One location-list entry; {@code range} is null for DW_LLE_default_location, which applies everywhere else. */
public record LocationListEntry(AddressRange range, byte[] expression) {}
