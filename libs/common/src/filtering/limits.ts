/** Documented limits of one filter request. */
export const MAX_FILTERS = 20;
export const MAX_LIST_VALUES = 1000;
export const MAX_STRING_LENGTH = 500;
