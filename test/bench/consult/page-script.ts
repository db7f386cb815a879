/**
 * A Playwright init script for bench:consult, run in both pages (station and console) before
 * their own scripts. It changes nothing the app does; it only watches:
 *  - every RTCPeerConnection the page makes (a Proxy on the constructor keeps a reference), so
 *    the bench can read getStats() itself: the app's probes carry no send rates;
 *  - every 25 ms, the video frames each connection has decoded, noting with Date.now() each
 *    time the count grows (first frame, frames after an outage: at most 25 ms late);
 *  - every second, one getStats() reading of the newest open connection (raw counters), and
 *    what waits in the data channels this side opened (bufferedAmount);
 *  - with a MutationObserver, the Date.now() when an element matching a watched selector is
 *    first added (a queue entry, the station's join button): no polling granularity; on
 *    request it clicks that element right then (the station joining the moment it is rung).
 *
 * Plain JavaScript in a string: it runs in Chromium, where the node tsconfig has no DOM types.
 */
export const PAGE_SCRIPT = `(() => {
  const pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget);
      pcs.push({ pc, id: pcs.length, frames: 0 });
      return pc;
    },
  });
  // The channels this side opened (the station's, as initiator), for how much waits in them.
  const channels = [];
  const createDataChannel = Native.prototype.createDataChannel;
  Native.prototype.createDataChannel = function (...args) {
    const channel = createDataChannel.apply(this, args);
    channels.push(channel);
    return channel;
  };
  const advances = [];
  const samples = [];
  const appeared = {};
  const watched = [];
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

  const framesOf = async (entry) => {
    let frames = 0;
    (await entry.pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
    });
    return frames;
  };
  setInterval(() => {
    for (const entry of pcs) {
      if (entry.pc.connectionState === 'closed') continue;
      framesOf(entry).then((frames) => {
        if (frames > entry.frames) advances.push({ at: Date.now(), pc: entry.id, added: frames - entry.frames, total: frames });
        entry.frames = Math.max(entry.frames, frames);
      }, () => undefined);
    }
  }, 25);

  const read = (report) => {
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    const all = [...byId.values()];
    const sum = (type, kind, field) =>
      all.filter((s) => s.type === type && s.kind === kind).reduce((n, s) => n + (num(s[field]) || 0), 0);
    const videoOut = all.find((s) => s.type === 'outbound-rtp' && s.kind === 'video') || {};
    const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = transport ? byId.get(transport.selectedCandidatePairId) : undefined;
    const local = pair ? byId.get(pair.localCandidateId) : undefined;
    const remote = pair ? byId.get(pair.remoteCandidateId) : undefined;
    const loss = all.filter((s) => s.type === 'remote-inbound-rtp').map((s) => num(s.fractionLost)).filter((v) => v !== null);
    return {
      videoBytesSent: sum('outbound-rtp', 'video', 'bytesSent'),
      audioBytesSent: sum('outbound-rtp', 'audio', 'bytesSent'),
      videoBytesReceived: sum('inbound-rtp', 'video', 'bytesReceived'),
      audioBytesReceived: sum('inbound-rtp', 'audio', 'bytesReceived'),
      framesDecoded: sum('inbound-rtp', 'video', 'framesDecoded'),
      dataBytesSent: all.filter((s) => s.type === 'data-channel').reduce((n, s) => n + (num(s.bytesSent) || 0), 0),
      dataMessagesSent: all.filter((s) => s.type === 'data-channel').reduce((n, s) => n + (num(s.messagesSent) || 0), 0),
      transportBytesSent: transport ? num(transport.bytesSent) || 0 : 0,
      dataMessagesReceived: all.filter((s) => s.type === 'data-channel').reduce((n, s) => n + (num(s.messagesReceived) || 0), 0),
      dataBuffered: channels.filter((c) => c.readyState === 'open').reduce((n, c) => n + c.bufferedAmount, 0),
      concealedSamples: sum('inbound-rtp', 'audio', 'concealedSamples'),
      totalSamplesReceived: sum('inbound-rtp', 'audio', 'totalSamplesReceived'),
      frameWidth: num(videoOut.frameWidth),
      frameHeight: num(videoOut.frameHeight),
      framesPerSecond: num(videoOut.framesPerSecond),
      targetBitrate: num(videoOut.targetBitrate),
      limitation: videoOut.qualityLimitationReason || null,
      availableOutgoingBitrate: pair ? num(pair.availableOutgoingBitrate) : null,
      rtt: pair ? num(pair.currentRoundTripTime) : null,
      fractionLost: loss.length ? Math.max(...loss) : null,
      candidates: local && remote ? local.candidateType + '/' + remote.candidateType : null,
    };
  };
  setInterval(() => {
    const entry = [...pcs].reverse().find((e) => e.pc.connectionState !== 'closed');
    if (!entry) return;
    const at = Date.now();
    entry.pc.getStats().then((report) => samples.push({ at, pc: entry.id, ...read(report) }), () => undefined);
  }, 1000);

  const look = () => {
    for (const { selector, key, click } of watched) {
      for (const element of document.querySelectorAll(selector)) {
        const id = selector + '|' + (key ? element.getAttribute(key) : '');
        if (id in appeared) continue;
        appeared[id] = Date.now();
        if (click) element.click();
      }
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
  const clicks = [];
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button, a') : null;
    if (target) clicks.push({ at: Date.now(), text: (target.textContent || '').trim() });
  }, true);

  window.__bench = {
    advances,
    samples,
    clicks,
    connections: () => pcs.length,
    watch(selector, key, click) {
      watched.push({ selector, key, click: click === true });
      look();
    },
    appeared: (selector, keyValue) => appeared[selector + '|' + (keyValue || '')] ?? null,
  };
})();`;
