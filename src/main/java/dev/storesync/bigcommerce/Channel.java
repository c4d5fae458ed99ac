package dev.storesync.bigcommerce;

/** A sales channel of a store ({@code /channels}): the storefront, a marketplace, a POS, ... */
public record Channel(long id, String name, String type, String status) {}
