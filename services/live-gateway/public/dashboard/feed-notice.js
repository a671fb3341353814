// Says plainly what the live feed cannot show, and why: the topics the live ingest cannot receive.

/** F1's topic names as a viewer knows them. */
const TOPIC_LABELS = {
  'CarData.z': 'car telemetry',
  'Position.z': 'positions on track',
  ChampionshipPrediction: 'championship prediction',
  PitStopSeries: 'pit-stop times',
  PitLaneTimeCollection: 'pit lane times',
};

const REASONS = {
  no_token: 'connected without an F1 TV token',
};

/** One sentence per reason, e.g. "Car telemetry and positions on track unavailable: connected without…". */
export function describeUnavailableTopics(unavailableTopics) {
  const byReason = new Map();
  for (const { topic, reason } of unavailableTopics ?? []) {
    byReason.set(reason, [...(byReason.get(reason) ?? []), topic]);
  }
  return [...byReason].map(([reason, topics]) => {
    const labels = topics.map((topic) => TOPIC_LABELS[topic] ?? topic);
    const what = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : labels[0];
    return `${what[0].toUpperCase()}${what.slice(1)} unavailable: ${REASONS[reason] ?? reason} (${topics.join(', ')}).`;
  });
}

export function renderFeedNotice(banner, model) {
  const sentences = describeUnavailableTopics(model.unavailableTopics);
  banner.hidden = sentences.length === 0;
  banner.textContent = sentences.join(' ');
}
