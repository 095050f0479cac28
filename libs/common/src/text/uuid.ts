const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID (any version), e.g. before using it where PostgreSQL expects one. */
export const isUuid = (text: string): boolean => UUID.test(text);
