// Kept apart from synthesize.ts so the CLI's help text can show them without loading the generator.

// The demo's proportions: 1,422 of its 7,043 customers have orders, 803 have notes.
export const DEFAULT_BUYER_SHARE = 0.2;
export const DEFAULT_NOTE_SHARE = 0.11;
