/** The shared icons the kiosk uses, plus the few only the kiosk needs (same 24 px grid and stroke). */
import type { SVGProps } from 'react';

export {
  IconAlert,
  IconArrowLeft,
  IconArrowRight,
  IconCheck,
  IconContrast,
  IconHand,
  IconRefresh,
  IconSeat,
  IconStar,
} from '../../components/icons';

type Props = SVGProps<SVGSVGElement>;

function Svg(props: Props) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    />
  );
}

export const IconMinus = (props: Props) => (
  <Svg {...props}>
    <path d="M5 12h14" />
  </Svg>
);

export const IconPlusBig = (props: Props) => (
  <Svg {...props}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);

export const IconGlobe = (props: Props) => (
  <Svg {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
  </Svg>
);

export const IconLowered = (props: Props) => (
  <Svg {...props}>
    <path d="M4 4h16M12 8v9M8 13l4 4 4-4M4 20h16" />
  </Svg>
);

export const IconHome = (props: Props) => (
  <Svg {...props}>
    <path d="M4 11l8-7 8 7M6 10v10h12V10" />
  </Svg>
);

export const IconCard = (props: Props) => (
  <Svg {...props}>
    <rect x="3" y="6" width="18" height="13" rx="2" />
    <path d="M3 10h18M7 15h4" />
  </Svg>
);

export const IconTicket = (props: Props) => (
  <Svg {...props}>
    <path d="M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z" />
    <path d="M14 7v10" strokeDasharray="2 2" />
  </Svg>
);

/** A QR code in a scanner's frame: "hold your code under the scanner". */
export const IconScan = (props: Props) => (
  <Svg {...props}>
    <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3" />
    <path d="M8 8h3v3H8zM13 13h3v3h-3zM13 8h3M8 13v3" />
  </Svg>
);
