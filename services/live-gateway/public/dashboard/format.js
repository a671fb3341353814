// Display rules shared by the views: lap times as on TV, tyre and flag colours.

/** 77123 → "1:17.123"; 25456 → "25.456". */
export function lapTime(ms) {
  if (ms === null || ms === undefined) return '';
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3);
  return minutes > 0 ? `${minutes}:${seconds.padStart(6, '0')}` : seconds;
}

export function sectorTime(ms) {
  return ms === null || ms === undefined ? '' : (ms / 1000).toFixed(3);
}

export const TYRES = {
  SOFT: { letter: 'S', colour: '#ff3333' },
  MEDIUM: { letter: 'M', colour: '#ffd12e' },
  HARD: { letter: 'H', colour: '#f0f0ec' },
  INTERMEDIATE: { letter: 'I', colour: '#43b02a' },
  WET: { letter: 'W', colour: '#0067ad' },
};

export function tyreOf(compound) {
  return TYRES[compound] ?? { letter: '?', colour: '#6b6f7a' };
}

/** Team colours come from the DriverList as hex without '#'. */
export function teamColour(driver) {
  const hex = driver?.teamColour;
  return hex && /^[0-9a-fA-F]{6}$/.test(hex) ? `#${hex}` : '#8a8f98';
}

export const TRACK_STATES = {
  all_clear: { text: 'Track clear', className: 'green' },
  yellow: { text: 'Yellow flag', className: 'yellow' },
  safety_car: { text: 'Safety car deployed', className: 'yellow' },
  virtual_safety_car: { text: 'Virtual safety car', className: 'yellow' },
  virtual_safety_car_ending: { text: 'VSC ending', className: 'yellow' },
  red: { text: 'Red flag', className: 'red' },
  unknown: { text: 'Track status unknown', className: 'grey' },
};

export const FLAG_COLOURS = {
  GREEN: '#1fc46b',
  CLEAR: '#1fc46b',
  YELLOW: '#ffd12e',
  'DOUBLE YELLOW': '#ffd12e',
  RED: '#e10600',
  BLUE: '#2f8cff',
  CHEQUERED: '#f0f0ec',
  'BLACK AND WHITE': '#f0f0ec',
};

/** "2025-10-25T21:14:03.120Z" → "21:14:03" in the viewer's time zone. */
export function clockTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

export function escapeHtml(text) {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/** Black or white text, whichever reads better on a team colour. */
export function textOn(colour) {
  const hex = colour.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6 ? '#0b0d12' : '#ffffff';
}
