// Small inline icons (16px, currentColor). Decorative: buttons carry their own labels.
import type { ReactElement } from 'react';

function Svg(props: { children: ReactElement | ReactElement[]; size?: number }) {
  const s = props.size ?? 16;
  return (
    <svg width={s} height={s} viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false">
      {props.children}
    </svg>
  );
}

export const PlayIcon = () => (
  <Svg>
    <path d="M4 2.5v11l9-5.5z" />
  </Svg>
);
export const StepIcon = () => (
  <Svg>
    <path d="M3 2.5v11l7-5.5z" />
    <rect x="11" y="2.5" width="2" height="11" />
  </Svg>
);
export const PauseIcon = () => (
  <Svg>
    <rect x="3.5" y="2.5" width="3" height="11" />
    <rect x="9.5" y="2.5" width="3" height="11" />
  </Svg>
);
export const StopIcon = () => (
  <Svg>
    <rect x="3" y="3" width="10" height="10" rx="1" />
  </Svg>
);
export const ResetIcon = () => (
  <Svg>
    <path d="M8 2.5a5.5 5.5 0 1 1-5.2 7.3l1.4-.5A4 4 0 1 0 5.1 5H7v1.5H2.5V2H4v1.9A5.5 5.5 0 0 1 8 2.5z" />
  </Svg>
);
export const CursorIcon = () => (
  <Svg>
    <path d="M2 3.5v9l6-4.5z" />
    <rect x="10" y="2" width="1.5" height="12" />
    <rect x="8.5" y="2" width="4.5" height="1.5" />
    <rect x="8.5" y="12.5" width="4.5" height="1.5" />
  </Svg>
);
export const SunIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="3" />
    <path d="M7.3 0h1.4v2.5H7.3zM7.3 13.5h1.4V16H7.3zM0 7.3h2.5v1.4H0zM13.5 7.3H16v1.4h-2.5zM2.1 3.1l1-1 1.8 1.8-1 1zM11.1 12.1l1-1 1.8 1.8-1 1zM2.1 12.9l1.8-1.8 1 1-1.8 1.8zM11.1 3.9l1.8-1.8 1 1-1.8 1.8z" />
  </Svg>
);
export const MoonIcon = () => (
  <Svg>
    <path d="M6 1.5a6.5 6.5 0 1 0 8.5 8.5A5.5 5.5 0 0 1 6 1.5z" />
  </Svg>
);
export const FolderIcon = () => (
  <Svg>
    <path d="M1.5 3h4.3l1.5 1.5h7.2v8.5h-13z" />
  </Svg>
);
export const DownloadIcon = () => (
  <Svg>
    <path d="M7.3 1.5h1.4v7.3l2.6-2.6 1 1L8 11.5 3.7 7.2l1-1 2.6 2.6zM2 12.5h12V14H2z" />
  </Svg>
);
export const ShareIcon = () => (
  <Svg>
    <path d="M6.6 9.4l-1-1 4.8-4.8H7.5V2.2h5.3v5.3h-1.4V4.6zM2.5 4h3v1.4H3.9v6.7h6.7v-1.6H12v3H2.5z" />
  </Svg>
);
export const BookIcon = () => (
  <Svg>
    <path d="M2 2.5h4.5A1.5 1.5 0 0 1 8 4v10a1.5 1.5 0 0 0-1.5-1.5H2zM14 2.5H9.5A1.5 1.5 0 0 0 8 4v10a1.5 1.5 0 0 1 1.5-1.5H14z" />
  </Svg>
);
export const CopyIcon = () => (
  <Svg>
    <path d="M5 1.5h8.5V11H12V3H5z" />
    <path d="M2.5 4.5H11V14H2.5zM4 6v6.5h5.5V6z" />
  </Svg>
);
