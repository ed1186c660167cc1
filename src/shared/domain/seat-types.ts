export const SEAT_TYPES = ['standard', 'premium', 'wheelchair', 'companion'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];

export const SEAT_STATUSES = ['available', 'held', 'sold', 'blocked'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

export const SHOWTIME_FORMATS = ['2D', '3D', 'IMAX', '4DX'] as const;
export type ShowtimeFormat = (typeof SHOWTIME_FORMATS)[number];
