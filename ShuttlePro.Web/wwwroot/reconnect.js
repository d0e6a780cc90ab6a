// Starts Blazor (App.razor loads blazor.web.js with autostart="false"; the CSP allows no inline script) with a
// reconnection that never gives up, and drives the reconnect dialog (Components/Layout/ReconnectModal.razor):
// - a dropped connection (network blip, laptop asleep) rejoins the same circuit, retrying every few seconds;
// - a circuit the server no longer knows (the server restarted) cannot be rejoined: the page reloads, and the
//   composer picks its draft up again from this tab's sessionStorage.
(() => {
  const dialog = document.getElementById('components-reconnect-modal');
  const title = document.getElementById('sp-reconnect-title');
  const detail = document.getElementById('sp-reconnect-detail');
  const keptDetail = detail?.textContent.trim() ?? '';

  // First retry at once, then every 2 seconds for half a minute, then every 5 seconds for as long as it takes.
  const retryDelay = attempt => attempt === 0 ? 0 : attempt < 15 ? 2000 : 5000;

  Blazor.start({
    circuit: {
      reconnectionOptions: { maxRetries: Infinity, retryIntervalMilliseconds: retryDelay },
      // Pings both ways every 5 seconds: a connection that silently died is noticed in 15 seconds (the server's
      // side is set in WebSetup), so a vanished tab's presence goes within its time to live.
      configureSignalR: builder => builder.withKeepAliveInterval(5000).withServerTimeout(15000),
    },
  });

  if (!dialog) return;

  const say = (heading, text) => {
    if (title) title.textContent = heading;
    if (detail) detail.textContent = text;
  };

  const open = () => {
    dialog.dataset.state = 'reconnecting';
    say('Reconnecting…', keptDetail);
    if (!dialog.open) dialog.showModal();
  };

  const reload = () => {
    dialog.dataset.state = 'reloading';
    say('Reconnecting…', 'ShuttlePro restarted. Loading the page again…');
    location.reload();
  };

  // Past the retries (or a failed resume): keep knocking; rejoin if the circuit is still there, else reload.
  let knocking;
  const keepKnocking = () => {
    clearTimeout(knocking);
    knocking = setTimeout(async () => {
      try {
        if (await Blazor.reconnect()) return;
        if (!(await Blazor.resumeCircuit())) reload();
      } catch {
        keepKnocking();
      }
    }, 5000);
  };

  dialog.addEventListener('components-reconnect-state-changed', event => {
    const { state, secondsToNextAttempt } = event.detail;
    switch (state) {
      case 'show':
        open();
        break;
      case 'retrying':
        open();
        if (secondsToNextAttempt > 0) say('Reconnecting…', `${keptDetail} Trying again in ${secondsToNextAttempt} s.`);
        break;
      case 'hide':
        clearTimeout(knocking);
        dialog.dataset.state = 'connected';
        dialog.close();
        break;
      case 'rejected':
        reload();
        break;
      case 'paused':
        open();
        Blazor.resumeCircuit().then(resumed => resumed || reload(), reload);
        break;
      case 'failed':
      case 'resume-failed':
        open();
        keepKnocking();
        break;
    }
  });

  // The dialog is modal while the circuit is away (typing then would be lost); Escape must not close it.
  dialog.addEventListener('cancel', event => event.preventDefault());
})();
