// Input limits of Computer Vision v3.2 (Azure's documented image requirements).

export const MIN_SIDE_PX = 50;
export const MAX_SIDE_PX = 10_000;
/** Image analysis, OCR, thumbnails: "less than 4 MB". */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** Read accepts larger files on paid tiers; the free tier keeps the 4 MB cap. */
export const MAX_READ_BYTES_PAID = 50 * 1024 * 1024;
/** Thumbnails are 1..1024 px a side. */
export const MAX_THUMBNAIL_SIDE_PX = 1024;
/** Image Analysis 4.0: "less than 20 MB", 50..16,000 px a side (Azure's 4.0 image requirements). */
export const IA4_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const IA4_MAX_SIDE_PX = 16_000;
