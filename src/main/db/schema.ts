/** Table types as the database stores them (snake_case, epoch milliseconds, 0/1 booleans). */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  pin_hash: string | null;
  deleted_at: number | null;
  disabled: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface UserTheatersTable {
  user_id: number;
  theater_id: number;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  key_hash: string;
  prefix: string;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface TheatersTable {
  id: Generated<number>;
  name: string;
  address: string | null;
  time_zone: string;
  currency: string;
  trailer_minutes: Generated<number>;
  cancel_cutoff_minutes: Generated<number>;
  hold_minutes: Generated<number>;
  kiosk_hold_minutes: Generated<number>;
  created_at: number;
  refund_approval_above: Generated<number | null>;
  phone: Generated<string | null>;
  vat_number: Generated<string | null>;
  door_opens_minutes: Generated<number>;
  cleaning_minutes: Generated<number>;
  kiosk_idle_seconds: Generated<number>;
  kiosk_large_text: Generated<number>;
  /** JSON array of the payment methods kiosks offer (`["card"]`; empty: collecting tickets only). */
  kiosk_payment_methods: Generated<string>;
}

/** Credentials an admin entered (Stripe keys), encrypted (see src/main/settings/secret-cipher.ts). */
export interface SecretsTable {
  name: string;
  ciphertext: string;
  last4: string;
  updated_at: number;
  /** Actor reference (`user:1`). */
  updated_by: string;
}

export interface MoviesTable {
  id: Generated<number>;
  title: string;
  duration_minutes: number;
  description: string | null;
  release_date: string | null;
  genres: Generated<string>;
  language: string | null;
  certificate: string | null;
  trailer_url: string | null;
  status: Generated<string>;
  poster_type: string | null;
  poster_version: Generated<number>;
  rating_sum: Generated<number>;
  rating_count: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface MoviePostersTable {
  movie_id: number;
  content_type: string;
  data: Uint8Array;
}

export interface ScreensTable {
  id: Generated<number>;
  theater_id: number;
  name: string;
  cleaning_minutes: Generated<number>;
  layout: string;
  capacity: number;
  created_at: number;
}

export interface SeatsTable {
  id: Generated<number>;
  screen_id: number;
  row_label: string;
  number: number;
  type: string;
  row_index: number;
  col_index: number;
  blocked: Generated<number>;
  active: Generated<number>;
}

export interface ShowtimesTable {
  id: Generated<number>;
  movie_id: number;
  screen_id: number;
  theater_id: number;
  starts_at: number;
  ends_at: number;
  blocked_until: number;
  trailer_minutes: number;
  format: Generated<string>;
  language: string | null;
  status: Generated<string>;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  data: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database extends Database2, Database6, Database9 {
  users: UsersTable;
  user_theaters: UserTheatersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  theaters: TheatersTable;
  secrets: SecretsTable;
  movies: MoviesTable;
  movie_posters: MoviePostersTable;
  screens: ScreensTable;
  seats: SeatsTable;
  showtimes: ShowtimesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}

export interface PriceListsTable {
  theater_id: number;
  vat_rate_bp: number;
  updated_at: number;
}

export interface TicketTypesTable {
  id: Generated<number>;
  theater_id: number;
  code: string;
  name: string;
  base_price: number;
  sort: number;
  active: number;
}

export interface PriceRulesTable {
  id: Generated<number>;
  theater_id: number;
  name: string;
  ticket_type: string | null;
  seat_type: string | null;
  format: string | null;
  days_mask: number | null;
  from_minute: number | null;
  to_minute: number | null;
  adjustment: number;
  sort: number;
}

export interface HoldsTable {
  id: Generated<number>;
  showtime_id: number;
  owner: string;
  channel: string;
  status: string;
  created_at: number;
  expires_at: number;
  payment_in_flight: Generated<number>;
}

export interface SeatClaimsTable {
  id: Generated<number>;
  showtime_id: number;
  seat_id: number;
  status: string;
  hold_id: number | null;
  booking_id: number | null;
  created_at: number;
  released_at: number | null;
}

export interface BookingsTable {
  id: Generated<number>;
  reference: string;
  showtime_id: number;
  theater_id: number;
  hold_id: number;
  status: string;
  channel: string;
  created_by: string;
  customer_user_id: number | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  currency: string;
  total: number;
  tax: number;
  amount_paid: Generated<number>;
  amount_refunded: Generated<number>;
  created_at: number;
  updated_at: number;
  confirmed_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
}

export interface TicketsTable {
  id: Generated<number>;
  booking_id: number;
  claim_id: number;
  showtime_id: number;
  seat_id: number;
  ticket_type: string;
  price: number;
  tax: number;
  status: string;
  code: string | null;
  cancelled_at: number | null;
}

export interface IdempotencyKeysTable {
  credential: string;
  key: string;
  operation: string;
  request_hash: string;
  state: string;
  response: string | null;
  created_at: number;
  locked_until: number;
}

export interface ShiftsTable {
  id: Generated<number>;
  user_id: number;
  opened_at: number;
  opening_float: number;
  closed_at: number | null;
  counted_cash: number | null;
  expected_cash: number | null;
  closed_by: number | null;
  theater_id: number | null;
  currency: string | null;
  /** JSON `[{"value": 5000, "count": 2}]` when the drawer was counted by denomination. */
  counted_denominations: string | null;
  reopened_at: number | null;
  reopened_by: number | null;
  reopen_reason: string | null;
}

export interface CashMovementsTable {
  id: Generated<number>;
  shift_id: number;
  kind: 'drop' | 'payout' | 'payin';
  amount: number;
  reason: string | null;
  created_by: number;
  created_at: number;
}

export interface PaymentsTable {
  id: Generated<number>;
  booking_id: number;
  method: string;
  amount: number;
  currency: string;
  status: string;
  tendered: number | null;
  change_given: number | null;
  shift_id: number | null;
  reference: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  amount_refunded: Generated<number>;
  /** 1: taken on a simulated reader (training mode); never real money. */
  training: Generated<number>;
}

export interface RefundsTable {
  id: Generated<number>;
  payment_id: number;
  booking_id: number;
  amount: number;
  method: string;
  shift_id: number | null;
  created_by: string;
  created_at: number;
  approved_by: Generated<number | null>;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  selector: string;
  verifier_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface ReviewsTable {
  id: Generated<number>;
  movie_id: number;
  user_id: number;
  rating: number;
  text: string | null;
  created_at: number;
  updated_at: number;
  hidden_at: number | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface CardReadersTable {
  id: string;
  theater_id: number;
  label: string;
  device_type: string;
  location: string | null;
  simulated: Generated<number>;
  integration: Generated<string>;
  created_by: string;
  created_at: number;
  /** Migration 0009: 'counter', 'kiosk' or null (every counter and kiosk of the theater). */
  assigned_to: string | null;
  /** Migration 0009: the kiosk device, exactly when assigned_to = 'kiosk'. */
  device_id: number | null;
}

export interface CardPaymentsTable {
  payment_id: number;
  reader_id: string;
  idempotency_base: string;
  payment_intent_id: string | null;
  handed_to_reader: Generated<number>;
  failure_code: string | null;
  created_at: number;
  updated_at: number;
}

export interface CardRefundsTable {
  refund_id: number;
  payment_id: number;
  payment_intent_id: string;
  amount: number;
  status: string;
  stripe_refund_id: string | null;
  failure_code: string | null;
  created_at: number;
  updated_at: number;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  payment_intent_id: string | null;
  received_at: number;
}

export interface Database2 {
  password_resets: PasswordResetsTable;
  reviews: ReviewsTable;
  card_readers: CardReadersTable;
  card_payments: CardPaymentsTable;
  card_refunds: CardRefundsTable;
  stripe_events: StripeEventsTable;
  shifts: ShiftsTable;
  cash_movements: CashMovementsTable;
  payments: PaymentsTable;
  refunds: RefundsTable;
  price_lists: PriceListsTable;
  ticket_types: TicketTypesTable;
  price_rules: PriceRulesTable;
  holds: HoldsTable;
  seat_claims: SeatClaimsTable;
  bookings: BookingsTable;
  tickets: TicketsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export interface TicketKeysTable {
  id: Generated<number>;
  public_key: string;
  private_key: string;
  created_at: number;
  retired_at: number | null;
  valid_until: number | null;
}

export interface TicketCodesTable {
  ticket_id: number;
  showtime_id: number;
  seat_id: number;
  key_id: number;
  code: string;
  issued_at: number;
  show_ends_at: number;
  admitted_at: number | null;
  admitted_by: string | null;
  admitted_scan_id: number | null;
  print_count: Generated<number>;
}

export interface CheckinScansTable {
  id: Generated<number>;
  credential: string;
  device: string;
  nonce: string | null;
  at: number;
  ticket_id: number | null;
  showtime_id: number | null;
  result: string;
  response: string;
  undone_at: number | null;
}

export interface DevicesTable {
  id: Generated<number>;
  name: string;
  role: string;
  theater_id: number | null;
  pairing_code_hash: string | null;
  pairing_expires_at: number | null;
  token_hash: string | null;
  created_by: string;
  created_at: number;
  paired_at: number | null;
  last_seen_at: number | null;
  revoked_at: number | null;
}

/** Tables of tickets and entry (migration 0006). */
export interface Database6 {
  ticket_keys: TicketKeysTable;
  ticket_codes: TicketCodesTable;
  checkin_scans: CheckinScansTable;
  devices: DevicesTable;
}

/** One day's sales of one theater per film, screen, ticket type, channel and method (migration 0010). */
export interface SalesDailyTable {
  theater_id: number;
  day: string;
  movie_id: number;
  screen_id: number;
  ticket_type: string;
  channel: string;
  method: string;
  tickets: number;
  gross: number;
  tax: number;
  refunded_tickets: number;
  refunds: number;
  refund_tax: number;
}

/** A showtime's sales over every day (migration 0010). */
export interface SalesShowtimeTable {
  showtime_id: number;
  theater_id: number;
  movie_id: number;
  screen_id: number;
  tickets: number;
  gross: number;
  tax: number;
  refunded_tickets: number;
  refunds: number;
  refund_tax: number;
}

/** `sales_daily` summed per calendar month of the local day, `month` "YYYY-MM" (migration 0012). */
export interface SalesMonthlyTable extends Omit<SalesDailyTable, 'day'> {
  month: string;
}

/** Tickets sold and their value per theater and UTC epoch minute of the sale (migration 0012). */
export interface SalesMinuteTable {
  theater_id: number;
  minute: number;
  tickets: number;
  gross: number;
}

/** The reports' rollups (migrations 0010 and 0012). */
export interface Database9 {
  sales_daily: SalesDailyTable;
  sales_showtime: SalesShowtimeTable;
  sales_monthly: SalesMonthlyTable;
  sales_minute: SalesMinuteTable;
}
