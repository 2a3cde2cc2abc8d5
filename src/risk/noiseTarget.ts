/** The false-trip chance per phase a guard should stay under: the target of the computed fixes. */
export const NOISE_TARGET = 0.01;

/** A fix must leave the guard judging at least this share of its full windows, or it is blind, not fixed. */
export const MIN_JUDGED_SHARE = 0.9;
