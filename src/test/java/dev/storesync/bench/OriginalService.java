package dev.storesync.bench;

/**
 * The calls the original Node.js service makes for one sync of the benchmark's product (20 variants, 2 options, 10
 * images, a brand, 2 categories with one parent each), from its algorithm as issue 9 describes it. It does the same
 * on every sync, changed or not; only on a create has Store B nothing to delete.
 */
final class OriginalService {
    private static final int VARIANTS = 20;
    private static final int OPTIONS = 2;
    private static final int IMAGES = 10;
    /** 2 categories and the parent of each: every one is read, looked up by name and written. */
    private static final int CATEGORY_NODES = 4;

    private OriginalService() {}

    static int calls(boolean create) {
        int product = 1; // read the product from A, with its variants
        int brand = 3; // read from A, look up by name in B, write
        int categories = 3 * CATEGORY_NODES;
        int listing = 1;
        int lookUpBySku = 1;
        int writeProduct = 1;
        int images = 2 + (create ? 0 : IMAGES) + IMAGES; // list A's and B's, delete B's, post A's
        int variants = 2 // list A's and B's variants
                + (create ? 0 : VARIANTS + OPTIONS) // delete B's variants and options
                + 1 // list A's options
                + OPTIONS // post them
                + 1 // list B's options again
                + VARIANTS; // post every variant
        return product + brand + categories + listing + lookUpBySku + writeProduct + images + variants;
    }
}
