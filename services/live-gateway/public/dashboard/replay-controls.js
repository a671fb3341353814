// Pause, resume and speed for a session being replayed by telemetry-replay (same origin in the
// all-in-one). Hidden when no replay of this session is found, e.g. for a live session.

const SPEEDS = [1, 2, 5, 10, 30];
const POLL_MS = 2_000;

export class ReplayControls {
  constructor(container) {
    this.container = container;
    this.replay = null;
    this.sessionKey = null;
    container.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (button && this.replay) void this.act(button.dataset.action, button.dataset.speed);
    });
    setInterval(() => void this.refresh(), POLL_MS);
  }

  attach(sessionKey) {
    this.sessionKey = sessionKey;
    void this.refresh();
  }

  async refresh() {
    if (this.sessionKey === null) return;
    try {
      const response = await fetch('/v1/replays');
      if (!response.ok) throw new Error(String(response.status));
      const { replays } = await response.json();
      this.show(
        replays.find(
          (replay) => replay.sessionKey === this.sessionKey && !['finished', 'failed'].includes(replay.state),
        ) ?? null,
      );
    } catch {
      this.show(null);
    }
  }

  async act(action, speed) {
    const id = encodeURIComponent(this.replay.id);
    const request =
      action === 'speed'
        ? { url: `/v1/replays/${id}/speed`, body: JSON.stringify({ speed: Number(speed) }) }
        : { url: `/v1/replays/${id}/${action}`, body: undefined };
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
    });
    if (response.ok) this.show(await response.json());
  }

  show(replay) {
    this.replay = replay;
    this.container.hidden = !replay;
    if (!replay) return;
    const paused = replay.state === 'paused';
    const offset = replay.sessionStartOffsetMs ?? 0;
    const sessionMs = Math.max(0, replay.positionMs - offset);
    const clock = `${Math.floor(sessionMs / 60_000)}:${String(Math.floor((sessionMs % 60_000) / 1000)).padStart(2, '0')}`;
    this.container.innerHTML = `
      <span class="replay-badge">REPLAY</span>
      <button data-action="${paused ? 'resume' : 'pause'}" class="play" title="${paused ? 'Resume' : 'Pause'}">${paused ? '▶' : '❚❚'}</button>
      ${SPEEDS.map((speed) => `<button data-action="speed" data-speed="${speed}" class="speed ${replay.speed === speed ? 'active' : ''}">${speed}×</button>`).join('')}
      <span class="replay-clock" title="Session time">${clock}</span>`;
  }
}
